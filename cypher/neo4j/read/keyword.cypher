// The $fetch best fulltext matches of a Lucene query in a label's index; keeps the
// user's nodes. Higher scores are better.
CALL db.index.fulltext.queryNodes($index, $query, {limit: $fetch}) YIELD node AS n, score
WITH count(*) AS fetched,
     collect(CASE WHEN n.user_id = $user_id THEN [n.id, score] END) AS hits
RETURN fetched, hits
