// Expired embeddings leave the node, and so the vector index.
CALL {
  MATCH (n:Node)
  WHERE n.id IN $unembed
  REMOVE n.embedding
}
