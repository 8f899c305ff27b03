// Relationship property changes, keyed by relationship id; a null value removes.
CALL {
  MATCH (:Node {user_id: $user_id})-[r]->()
  WHERE r.id IN $set_edge_ids AND r.user_id = $user_id
  SET r += $edge_props[r.id]
}
