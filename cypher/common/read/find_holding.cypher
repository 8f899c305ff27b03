// As read/find, starting from the index of one list property ({{prop}} passes the
// property allow-list): the nodes whose {{prop}} holds one of $values (bound to a
// variable first: FalkorDB answers `value IN n.prop` from its index of the elements).
UNWIND $values AS value
MATCH (n:{{label}})
WHERE value IN n.{{prop}} AND n.user_id = $user_id
  AND all(f IN $where WHERE
      (f.null AND n[f.name] IS NULL)
      OR any(v IN [] + n[f.name] WHERE v IN f.values))
WITH DISTINCT n
RETURN n.id AS id, labels(n) AS labels, n {.*, embedding: null} AS props
