// Frozen (write-locked) memories and entities, with their audit trail.
// In Neo4j Browser: :param user_id => 'u1'
MATCH (n:Node)
WHERE n.user_id = $user_id AND n.frozen = true
RETURN labels(n) AS labels, coalesce(n.name, n.text) AS what, n.audit AS audit
