// Native vector index over Passage embeddings (the sentences of long episodes): cosine
// similarity, dimension from the embedder.
CREATE VECTOR INDEX passage_embedding IF NOT EXISTS
FOR (n:Passage) ON (n.embedding)
OPTIONS {indexConfig: {
  `vector.dimensions`: toInteger($dimensions),
  `vector.similarity_function`: 'cosine'
}}
