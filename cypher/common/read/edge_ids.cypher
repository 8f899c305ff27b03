// Which of these relationship ids exist for the user, and the nodes each joins.
MATCH (a:Node {user_id: $user_id})-[r]->(b)
WHERE r.id IN $ids AND r.user_id = $user_id
RETURN r.id AS id, a.id AS src, b.id AS dst
