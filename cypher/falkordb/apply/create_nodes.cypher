// New nodes of one label set ({{labels}} and {{group}} pass the label allow-list), each
// with its properties (its fulltext body _text included) and its embedding set in one
// SET: FalkorDB keeps a label's range, fulltext and vector indexes in one document per
// node, re-indexed whole on every later change, so setting them apart cost three times.
CALL {
  UNWIND $nodes.{{group}} AS a
  CREATE (n:Node:{{labels}})
  SET n = a.props,
      n.embedding = CASE WHEN a.vector IS NULL THEN null ELSE vecf32(a.vector) END
}
