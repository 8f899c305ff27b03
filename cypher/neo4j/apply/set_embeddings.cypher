CALL {
  UNWIND $embed AS e
  MATCH (n:Node {id: e.id})
  SET n.embedding = e.vector
}
