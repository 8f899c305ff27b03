// Seeds, part: the user's entities the query may name, those matching $entity_where (see
// read/find) with one of $entity_keys as key (ByKey) or among their alias keys (ByAlias:
// one lookup per key, which FalkorDB answers from its index of alias_keys elements).
CALL {
  MATCH (e:Entity)
  WHERE e.user_id = $user_id AND e.key IN $entity_keys
  WITH e, all(f IN $entity_where WHERE
              (f.null AND e[f.name] IS NULL)
              OR any(v IN [] + e[f.name] WHERE v IN f.values)) AS accepted
  WHERE accepted
  RETURN collect([e.id, e.name]) AS ByKey
}
CALL {
  UNWIND $entity_keys AS k
  MATCH (e:Entity)
  WHERE k IN e.alias_keys AND e.user_id = $user_id
  WITH DISTINCT e
  WITH e, all(f IN $entity_where WHERE
              (f.null AND e[f.name] IS NULL)
              OR any(v IN [] + e[f.name] WHERE v IN f.values)) AS accepted
  WHERE accepted
  RETURN collect([e.id, e.name]) AS ByAlias
}
