// The last read of a search (see Store.expand): for each candidate of $ids the user has,
// [id, labels, values of $fields, the $entities a memory is ABOUT or an episode is
// MENTIONED_IN, and, with
// $sources, for an episode, [id, values of $source_fields] of the memories EXTRACTED_FROM
// it]; and [id, labels, values of $fields] of the user's memories whose sp_key is in $keys.
// (Every pattern comprehension has its own variable names: FalkorDB 4.16 returns empty
// lists when two in one expression share one.)
CALL {
  UNWIND $ids AS id
  MATCH (n:Node {id: id})
  WHERE n.user_id = $user_id
  RETURN collect([
    n.id, labels(n), [f IN $fields | n[f]],
    CASE WHEN size($entities) = 0 THEN []
         WHEN 'Memory' IN labels(n) THEN
           [(n)-[a:ABOUT]->(e:Entity) WHERE a.user_id = $user_id AND e.id IN $entities | e.id]
         WHEN 'Episode' IN labels(n) THEN
           [(x:Entity)-[i:MENTIONED_IN]->(n) WHERE i.user_id = $user_id AND x.id IN $entities
            | x.id]
         ELSE [] END,
    CASE WHEN $sources AND 'Episode' IN labels(n) THEN
      [(m:Memory)-[s:EXTRACTED_FROM]->(n) WHERE s.user_id = $user_id AND m.user_id = $user_id
       | [m.id, [g IN $source_fields | m[g]]]]
    ELSE [] END
  ]) AS found
}
CALL {
  MATCH (m:Memory)
  WHERE m.user_id = $user_id AND m.sp_key IN $keys
  RETURN collect([m.id, labels(m), [f IN $fields | m[f]]]) AS keyed
}
RETURN found, keyed
