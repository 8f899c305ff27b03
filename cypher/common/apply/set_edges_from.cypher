// Relationship property changes, found between their ends ($edge_sets: [{id, src, dst,
// props}]; a null value removes); each end is found in a clause of its own, so that
// FalkorDB tests the pair instead of walking every relationship of the start node.
CALL {
  UNWIND $edge_sets AS s
  MATCH (a:Node {id: s.src})
  WITH s, a
  MATCH (b:Node {id: s.dst})
  WITH s, a, b
  MATCH (a)-[r]->(b)
  WHERE r.id = s.id AND r.user_id = $user_id
  SET r += s.props
}
