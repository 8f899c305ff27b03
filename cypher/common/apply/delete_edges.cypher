CALL {
  MATCH (:Node {user_id: $user_id})-[r]->()
  WHERE r.id IN $delete_edges AND r.user_id = $user_id
  DELETE r
}
