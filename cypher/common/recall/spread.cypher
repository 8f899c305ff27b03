// One step of spreading activation from $seeds ([{id, i}]: i is the seed's position in the
// request), walked here and weighed by the client (see Store.spread, semantics.Offers):
// [node, is NEXT, i] for each EXTRACTED_FROM or NEXT relationship of a seed (direct), and
// [[i], [member]] for each entity seeds are ABOUT as object (the seeds' positions, and the
// far end of each of the entity's incoming ABOUT relationships), unless it has more than
// $entity_limit of them (shared; nothing when $entity_weight is 0). The seeds are looked
// up once, and each entity's ABOUT relationships walked once; relationships are filtered
// in a WITH (on FalkorDB 4.16 about 0.5 ms less than in the MATCH's WHERE). Picking each
// node's best offer in Cypher (collect per node, then reduce) took as long as the walk,
// and returned each offer's ids again, once per node.
UNWIND $seeds AS s
MATCH (a:Node {id: s.id})
WHERE a.user_id = $user_id
WITH collect([a, s.i]) AS seeds
CALL {
  WITH seeds
  UNWIND seeds AS seed
  WITH seed[0] AS a, seed[1] AS i
  MATCH (a)-[r:EXTRACTED_FROM|NEXT]-(b)
  WITH r, b, i WHERE r.user_id = $user_id
  RETURN collect([b.id, type(r) = 'NEXT', i]) AS direct
}
CALL {
  WITH seeds
  UNWIND CASE WHEN $entity_weight > 0 THEN seeds ELSE [] END AS seed
  WITH seed[0] AS a, seed[1] AS i
  MATCH (a)-[r:ABOUT]->(e:Entity)
  WITH r, e, i WHERE r.user_id = $user_id AND r.role = 'object'
  WITH e, collect(DISTINCT i) AS via
  MATCH (e)<-[x:ABOUT]-(m)
  WITH e, via, x, m WHERE x.user_id = $user_id
  WITH via, collect(m.id) AS members
  WHERE size(members) <= $entity_limit
  RETURN collect([via, members]) AS shared
}
RETURN direct, shared
