// Merges and their provenance: what was merged into what, when, how, and with what score.
// In Neo4j Browser: :param user_id => 'u1'
MATCH (gone:Node)-[r:MERGED_INTO]->(survivor:Node)
WHERE gone.user_id = $user_id
RETURN labels(gone) AS labels, coalesce(gone.name, gone.text) AS merged,
       coalesce(survivor.name, survivor.text) AS into, r.at AS at, r.method AS method,
       r.score AS score, r.merge_id AS merge_id
ORDER BY r.at DESC
