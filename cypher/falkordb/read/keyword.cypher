// The $fetch best fulltext matches of a RediSearch query in a label's index; keeps the
// user's nodes. Higher scores are better.
CALL db.idx.fulltext.queryNodes($label, $query) YIELD node AS n, score
WITH n, score
ORDER BY score DESC
LIMIT $fetch
WITH count(*) AS fetched,
     collect(CASE WHEN n.user_id = $user_id THEN [n.id, score] END) AS hits
RETURN fetched, hits
