// The embeddings of the user's nodes of one label (allow-listed) that match $where: an
// exact vector search when the approximate index cannot deliver k of them.
MATCH (n:{{label}})
WHERE n.user_id = $user_id AND n.embedding IS NOT NULL
  AND all(f IN $where WHERE
      (f.null AND n[f.name] IS NULL)
      OR any(v IN [] + n[f.name] WHERE v IN f.values))
RETURN n.id AS id, n.embedding AS embedding
