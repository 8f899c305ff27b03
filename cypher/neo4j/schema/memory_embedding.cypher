// Native vector index over Memory embeddings: cosine similarity, dimension from the embedder.
CREATE VECTOR INDEX memory_embedding IF NOT EXISTS
FOR (n:Memory) ON (n.embedding)
OPTIONS {indexConfig: {
  `vector.dimensions`: toInteger($dimensions),
  `vector.similarity_function`: 'cosine'
}}
