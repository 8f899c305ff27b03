// One step of spreading activation from $seeds ([{id, score}]), aggregated here (see
// Store.spread): a seed offers its score x $source_weight along EXTRACTED_FROM, x
// $next_weight along NEXT, and, through each entity it is ABOUT as object with d <=
// $entity_limit incoming ABOUT relationships, x $spread[d] to the entity's other ABOUT
// nodes (an entity's degree is counted once, whatever the number of seeds about it, and
// each member hears only from the entity's best seed other than itself: the others' offers
// through that entity are smaller, or equal from a larger seed id, so they never win).
// Each target keeps its best offer (largest gain, then relation 0 source < 1 next
// < 2 entity, then smallest seed id: picked from the offers each target collects, with
// no sort of them all); returned as target, relation, via, d. The seeds are looked up
// once, and each entity's ABOUT relationships walked once (degree and members).
UNWIND $seeds AS s
MATCH (a:Node {id: s.id})
WHERE a.user_id = $user_id
WITH collect([a, s]) AS seeds
CALL {
  WITH seeds
  UNWIND seeds AS seed
  WITH seed[0] AS a, seed[1] AS s
  MATCH (a)-[r:EXTRACTED_FROM|NEXT]-(b)
  WHERE r.user_id = $user_id
  WITH s, b, CASE type(r) WHEN 'NEXT' THEN 1 ELSE 0 END AS relation
  RETURN collect([b.id, relation, 0,
                  CASE relation WHEN 1 THEN $next_weight ELSE $source_weight END * s.score,
                  s.id]) AS direct
}
CALL {
  WITH seeds
  UNWIND CASE WHEN $entity_weight > 0 THEN seeds ELSE [] END AS seed
  WITH seed[0] AS a, seed[1] AS s
  MATCH (a)-[r:ABOUT]->(e:Entity)
  WHERE r.user_id = $user_id AND r.role = 'object'
  WITH DISTINCT e, s.id AS via, s.score AS score
  ORDER BY score DESC, via ASC
  WITH e, collect([via, score])[0..2] AS best
  MATCH (e)<-[x:ABOUT]-(m)
  WITH e, best, x, m WHERE x.user_id = $user_id
  WITH best, collect(m.id) AS members
  WITH best, members, size(members) AS d
  WHERE d <= $entity_limit
  UNWIND members AS member
  WITH member, d, CASE WHEN member = best[0][0] THEN best[1] ELSE best[0] END AS seed
  WHERE seed IS NOT NULL
  RETURN collect([member, 2, d, $spread[d] * seed[1], seed[0]]) AS shared
}
UNWIND direct + shared AS o
WITH o WHERE o[3] > 0
WITH o[0] AS target, collect(o) AS offers
WITH target, reduce(b = head(offers), x IN tail(offers) |
                    CASE WHEN x[3] > b[3]
                              OR (x[3] = b[3] AND (x[1] < b[1] OR (x[1] = b[1] AND x[4] < b[4])))
                         THEN x ELSE b END) AS best
RETURN target, best[1] AS relation, best[4] AS via, best[2] AS d
