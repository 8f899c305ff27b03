// Native vector index over Passage embeddings (the sentences of long episodes): cosine,
// dimension from the embedder.
CREATE VECTOR INDEX FOR (n:Passage) ON (n.embedding)
OPTIONS {dimension: $dimensions, similarityFunction: 'cosine'}
