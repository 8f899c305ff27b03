// The last read of a search (see Store.expand): [id, labels, values of $fields[label]] of each
// candidate of $ids the user has (found; labels is only the label $fields names, when it names
// one: the others were 5% of the reply's cells); [candidate, entity] for each of $entities a
// candidate is ABOUT (about) or MENTIONED_IN (mentions); with $sources, [episode, memory,
// values of $source_fields] for the memories EXTRACTED_FROM a candidate (sources); and
// [id, labels, values of $fields] of the user's memories whose sp_key is in $keys (keyed).
// The candidates are looked up once, by one IN on the id index (on FalkorDB 4.16 1 ms less
// than one lookup per id), and filtered by user in a WITH (0.4 ms less than in the MATCH's
// WHERE). Each relationship is reached from the candidate and filtered in a
// WITH: on FalkorDB 4.16 that runs in about a millisecond, where pattern comprehensions
// took tens of milliseconds and filters in the MATCH (incoming relationships) seconds.
MATCH (n:Node)
WHERE n.id IN $ids
WITH n WHERE n.user_id = $user_id
WITH collect(n) AS candidates
CALL {
  WITH candidates
  UNWIND candidates AS n
  WITH n, [l IN labels(n) WHERE l IN keys($fields)] AS known
  RETURN collect([n.id, CASE WHEN size(known) = 0 THEN labels(n) ELSE known END,
                  CASE WHEN size(known) = 0 THEN [] ELSE [f IN $fields[head(known)] | n[f]] END])
         AS found
}
CALL {
  WITH candidates
  UNWIND CASE WHEN size($entities) = 0 THEN [] ELSE candidates END AS n
  MATCH (n)-[a:ABOUT]->(e)
  WITH n, a, e WHERE a.user_id = $user_id AND e.id IN $entities
  RETURN collect([n.id, e.id]) AS about
}
CALL {
  WITH candidates
  UNWIND CASE WHEN size($entities) = 0 THEN [] ELSE candidates END AS n
  MATCH (n)<-[i:MENTIONED_IN]-(e)
  WITH n, i, e WHERE i.user_id = $user_id AND e.id IN $entities
  RETURN collect([n.id, e.id]) AS mentions
}
CALL {
  WITH candidates
  UNWIND CASE WHEN $sources THEN candidates ELSE [] END AS n
  MATCH (n)<-[s:EXTRACTED_FROM]-(m)
  WITH n, s, m WHERE s.user_id = $user_id AND m.user_id = $user_id
  RETURN collect([n.id, m.id, [g IN $source_fields | m[g]]]) AS sources
}
CALL {
  MATCH (m:Memory)
  WHERE m.user_id = $user_id AND m.sp_key IN $keys
  RETURN collect([m.id, labels(m), [f IN coalesce($fields.Memory, []) | m[f]]]) AS keyed
}
RETURN found, about, mentions, sources, keyed
