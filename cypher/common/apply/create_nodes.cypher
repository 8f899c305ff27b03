// New nodes of one label set ({{labels}} and {{group}} pass the label allow-list), each
// with its properties (its fulltext body _text included) and its embedding set at once:
// the indexes see each new node once.
CALL {
  UNWIND $nodes.{{group}} AS a
  CREATE (n:Node:{{labels}})
  SET n = a.props, n.embedding = a.vector
}
