// The last read of a search (see Store.expand): for each candidate of $ids the user has,
// [id, labels, values of $fields, the $entities it is ABOUT or MENTIONED_IN, and, with
// $sources, for an episode, [id, values of $source_fields] of the memories EXTRACTED_FROM
// it]; and [id, labels, values of $fields] of the user's memories whose sp_key is in $keys.
CALL {
  UNWIND $ids AS id
  MATCH (n:Node {id: id})
  WHERE n.user_id = $user_id
  RETURN collect([
    n.id, labels(n), [f IN $fields | n[f]],
    CASE WHEN size($entities) = 0 THEN [] ELSE
      [(n)-[r:ABOUT]->(x:Entity) WHERE r.user_id = $user_id AND x.id IN $entities | x.id]
      + [(x:Entity)-[r:MENTIONED_IN]->(n) WHERE r.user_id = $user_id AND x.id IN $entities | x.id]
    END,
    CASE WHEN $sources AND 'Episode' IN labels(n) THEN
      [(m:Memory)-[r:EXTRACTED_FROM]->(n) WHERE r.user_id = $user_id AND m.user_id = $user_id
       | [m.id, [f IN $source_fields | m[f]]]]
    ELSE [] END
  ]) AS found
}
CALL {
  MATCH (m:Memory)
  WHERE m.user_id = $user_id AND m.sp_key IN $keys
  RETURN collect([m.id, labels(m), [f IN $fields | m[f]]]) AS keyed
}
RETURN found, keyed
