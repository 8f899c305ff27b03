// Lifecycle counts: nodes of each label by status, and tombstones.
// In Neo4j Browser: :param user_id => 'u1'
MATCH (n:Node)
WHERE n.user_id = $user_id
RETURN [l IN labels(n) WHERE l <> 'Node'][0] AS label, n.status AS status, count(*) AS nodes
ORDER BY label, status
