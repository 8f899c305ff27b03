// Native vector index over Memory embeddings: cosine, dimension from the embedder.
CREATE VECTOR INDEX FOR (n:Memory) ON (n.embedding)
OPTIONS {dimension: $dimensions, similarityFunction: 'cosine'}
