// Property changes; a null value removes the property.
CALL {
  UNWIND $set_nodes AS s
  MATCH (n:Node {id: s.id})
  SET n += s.props
}
