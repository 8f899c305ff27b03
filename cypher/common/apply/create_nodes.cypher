// New nodes of one label set ({{labels}} and {{group}} pass the label allow-list).
CALL {
  UNWIND $nodes.{{group}} AS a
  CREATE (n:Node:{{labels}})
  SET n = a
}
