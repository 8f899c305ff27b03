// Exact vector search over the user's nodes of one label (allow-listed) that match
// $where, ranked in the server, for when the approximate index cannot deliver k of them.
// The score is Neo4j's cosine score, (1 + cos) / 2, as from the index.
MATCH (n:{{label}})
WHERE n.user_id = $user_id AND n.embedding IS NOT NULL
  AND all(f IN $where WHERE
      (f.null AND n[f.name] IS NULL)
      OR any(v IN [] + n[f.name] WHERE v IN f.values))
WITH n, vector.similarity.cosine(n.embedding, $vector) AS score
ORDER BY score DESC, n.id ASC
LIMIT $k
RETURN n.id AS id, score
