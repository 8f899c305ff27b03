// Seeds, part: the user's {{label}} nodes (allow-listed) whose fulltext body matches the
// RediSearch query $fulltext, with their bodies ([[id, body]]), and how many {{label}}
// nodes the user has ({{var}}_total). Scoring is graphmem's (semantics.bm25).
CALL {
  CALL db.idx.fulltext.queryNodes('{{label}}', $fulltext) YIELD node AS n
  WITH n WHERE n.user_id = $user_id
  RETURN collect([n.id, n._text]) AS {{var}}
}
CALL {
  MATCH (n:{{label}})
  WHERE n.user_id = $user_id
  RETURN count(n) AS {{var}}_total
}
