// New relationships of one type ({{type}} passes the relationship type allow-list).
CALL {
  UNWIND $edges.{{type}} AS e
  MATCH (a:Node {id: e.src})
  MATCH (b:Node {id: e.dst})
  CREATE (a)-[r:{{type}}]->(b)
  SET r = e.props
}
