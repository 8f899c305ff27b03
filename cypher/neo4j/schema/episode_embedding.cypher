// Native vector index over Episode embeddings: cosine similarity, dimension from the embedder.
CREATE VECTOR INDEX episode_embedding IF NOT EXISTS
FOR (n:Episode) ON (n.embedding)
OPTIONS {indexConfig: {
  `vector.dimensions`: toInteger($dimensions),
  `vector.similarity_function`: 'cosine'
}}
