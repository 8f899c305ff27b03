// Conflicts kept in parallel (keep_both, or a fact that lost to a frozen one).
// In Neo4j Browser: :param user_id => 'u1'
MATCH (a:Memory)-[c:CONFLICTS_WITH]->(b:Memory)
WHERE a.user_id = $user_id
RETURN a.text AS newer, a.status AS newer_status, b.text AS older, b.status AS older_status,
       c.policy AS policy, c.at AS at
ORDER BY c.at DESC
