// How many of the user's nodes of one label (allow-listed) have an embedding and match
// $where (see read/find): the most a filtered vector search can return.
MATCH (n:{{label}})
WHERE n.user_id = $user_id AND n.embedding IS NOT NULL
  AND all(f IN $where WHERE
      (f.null AND n[f.name] IS NULL)
      OR any(v IN [] + n[f.name] WHERE v IN f.values))
RETURN count(n) AS count
