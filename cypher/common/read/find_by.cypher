// As read/find, starting from the index of one property that holds a single value
// ({{prop}} passes the property allow-list): the nodes whose {{prop}} is one of $values
// (read/find reads every node of the label the user has, and tests each).
MATCH (n:{{label}})
WHERE n.{{prop}} IN $values AND n.user_id = $user_id
  AND all(f IN $where WHERE
      (f.null AND n[f.name] IS NULL)
      OR any(v IN [] + n[f.name] WHERE v IN f.values))
RETURN n.id AS id, labels(n) AS labels, n {.*, embedding: null} AS props
