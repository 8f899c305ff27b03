// Native vector index over Episode embeddings: cosine, dimension from the embedder.
CREATE VECTOR INDEX FOR (n:Episode) ON (n.embedding)
OPTIONS {dimension: $dimensions, similarityFunction: 'cosine'}
