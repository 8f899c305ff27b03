// Relationships removed, found between their ends ($delete_edge_refs: [{id, src, dst}]);
// each end is found in a clause of its own, so that FalkorDB tests the pair instead of
// walking every relationship of the start node.
CALL {
  UNWIND $delete_edge_refs AS e
  MATCH (a:Node {id: e.src})
  WITH e, a
  MATCH (b:Node {id: e.dst})
  WITH e, a, b
  MATCH (a)-[r]->(b)
  WHERE r.id = e.id AND r.user_id = $user_id
  DELETE r
}
