// Native vector index over Entity embeddings: cosine, dimension from the embedder.
CREATE VECTOR INDEX FOR (n:Entity) ON (n.embedding)
OPTIONS {dimension: $dimensions, similarityFunction: 'cosine'}
