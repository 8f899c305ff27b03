// The $fetch nearest neighbours in a label's vector index; keeps the user's nodes that
// match $where (see read/find). The score is FalkorDB's cosine distance, 1 - cos.
CALL db.idx.vector.queryNodes($label, 'embedding', $fetch, vecf32($vector)) YIELD node AS n, score
WITH n, score,
     n.user_id = $user_id
     AND all(f IN $where WHERE
         (f.null AND n[f.name] IS NULL)
         OR any(v IN [] + n[f.name] WHERE v IN f.values)) AS accepted
WITH count(*) AS fetched, collect(CASE WHEN accepted THEN [n.id, score] END) AS hits
RETURN fetched, hits
