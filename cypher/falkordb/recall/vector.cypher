// Seeds, part: the $fetch nearest neighbours of $vector in the vector index of {{label}}
// (allow-listed), keeping the $k nearest of the user's nodes that match $wheres.{{label}}
// (see read/find), as [[id, cosine distance, episode id]]; then, only if fewer than $k
// passed (the index cannot deliver them, or the user has no more), the user's matching
// nodes ranked exactly ({{var}}_exact, [[id, distance, episode id]]; else []).
CALL {
  CALL db.idx.vector.queryNodes('{{label}}', 'embedding', $fetch, vecf32($vector))
  YIELD node AS n, score
  WITH n, score,
       n.user_id = $user_id
       AND all(f IN $wheres.{{label}} WHERE
           (f.null AND n[f.name] IS NULL)
           OR any(v IN [] + n[f.name] WHERE v IN f.values)) AS accepted
  WHERE accepted
  WITH n, score
  ORDER BY score ASC, n.id ASC
  LIMIT $k
  RETURN collect([n.id, score, n.episode_id]) AS {{var}}
}
CALL {
  WITH {{var}}
  WITH {{var}} WHERE size({{var}}) < $k
  MATCH (n:{{label}})
  WHERE n.user_id = $user_id AND n.embedding IS NOT NULL
  WITH n, all(f IN $wheres.{{label}} WHERE
              (f.null AND n[f.name] IS NULL)
              OR any(v IN [] + n[f.name] WHERE v IN f.values)) AS accepted
  WHERE accepted  // (FalkorDB 4.16 drops every row when this test is in the MATCH's WHERE)
  WITH n, vec.cosineDistance(n.embedding, vecf32($vector)) AS score
  ORDER BY score ASC, n.id ASC
  LIMIT $k
  RETURN collect([n.id, score, n.episode_id]) AS {{var}}_exact
}
