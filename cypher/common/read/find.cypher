// Nodes of one label (checked against the label allow-list) whose properties match
// $where: a list of {name, values, null}. A property matches when it equals one of the
// values (any element, for a list property), or is absent and null is allowed.
MATCH (n:{{label}})
WHERE n.user_id = $user_id
  AND all(f IN $where WHERE
      (f.null AND n[f.name] IS NULL)
      OR any(v IN [] + n[f.name] WHERE v IN f.values))
RETURN n.id AS id, labels(n) AS labels, n {.*, embedding: null} AS props
