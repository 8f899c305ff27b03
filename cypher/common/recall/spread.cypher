// One step of spreading activation from $seeds (the seeds' ids), walked here and weighed by
// the client (see Store.spread, semantics.Offers): [node, is NEXT, seed] for each
// EXTRACTED_FROM or NEXT relationship of a seed (direct), and [[seed], [member]] for each
// entity seeds are ABOUT as object (the seeds, and the far end of each of the entity's
// incoming ABOUT relationships), unless it has more than $entity_limit of them (shared;
// nothing when $entity_weight is 0). The seeds are looked up once, by one IN on the id
// index (on FalkorDB 4.16 0.5 ms less than one lookup per seed), and each entity's ABOUT
// relationships walked once; relationships are filtered in a WITH (on FalkorDB 4.16 about
// 0.5 ms less than in the MATCH's WHERE). Picking each node's best offer in Cypher (collect
// per node, then reduce) took as long as the walk, and returned each offer's ids again,
// once per node.
MATCH (a:Node)
WHERE a.id IN $seeds
WITH a WHERE a.user_id = $user_id
WITH collect(a) AS seeds
CALL {
  WITH seeds
  UNWIND seeds AS a
  MATCH (a)-[r:EXTRACTED_FROM|NEXT]-(b)
  WITH r, b, a WHERE r.user_id = $user_id
  RETURN collect([b.id, type(r) = 'NEXT', a.id]) AS direct
}
CALL {
  WITH seeds
  UNWIND CASE WHEN $entity_weight > 0 THEN seeds ELSE [] END AS a
  MATCH (a)-[r:ABOUT]->(e:Entity)
  WITH r, e, a WHERE r.user_id = $user_id AND r.role = 'object'
  WITH e, collect(DISTINCT a.id) AS via
  MATCH (e)<-[x:ABOUT]-(m)
  WITH e, via, x, m WHERE x.user_id = $user_id
  WITH via, collect(m.id) AS members
  WHERE size(members) <= $entity_limit
  RETURN collect([via, members]) AS shared
}
RETURN direct, shared
