CALL {
  MATCH (n:Node)
  WHERE n.id IN $delete_nodes AND n.user_id = $user_id
  DETACH DELETE n
}
