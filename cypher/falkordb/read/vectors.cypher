// The $k nearest of the user's {{label}} nodes (allow-listed) matching $where (see
// read/find) to each of $vectors, in one statement: per vector i, the index's $fetch
// nearest neighbours filtered, [[id, cosine distance]]; and, only when fewer than $k
// passed, the user's matching nodes ranked exactly (exact; else []).
UNWIND range(0, size($vectors) - 1) AS i
CALL {
  WITH i
  CALL db.idx.vector.queryNodes('{{label}}', 'embedding', $fetch, vecf32($vectors[i]))
  YIELD node AS n, score
  WITH n, score,
       n.user_id = $user_id
       AND all(f IN $where WHERE
           (f.null AND n[f.name] IS NULL)
           OR any(v IN [] + n[f.name] WHERE v IN f.values)) AS accepted
  WITH collect(CASE WHEN accepted THEN [n.id, score] END) AS found
  RETURN [h IN found WHERE h IS NOT NULL] AS hits
}
CALL {
  WITH i, hits
  WITH i, hits WHERE size(hits) < $k
  MATCH (n:{{label}})
  WHERE n.user_id = $user_id AND n.embedding IS NOT NULL
  WITH i, n, all(f IN $where WHERE
                 (f.null AND n[f.name] IS NULL)
                 OR any(v IN [] + n[f.name] WHERE v IN f.values)) AS accepted
  WHERE accepted  // (FalkorDB 4.16 drops every row when this test is in the MATCH's WHERE)
  WITH n, vec.cosineDistance(n.embedding, vecf32($vectors[i])) AS score
  ORDER BY score ASC, n.id ASC
  LIMIT $k
  RETURN collect([n.id, score]) AS exact
}
RETURN i, hits, exact
