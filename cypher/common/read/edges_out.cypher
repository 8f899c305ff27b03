// Relationships leaving the user's nodes with these ids ($types null means any type).
UNWIND $ids AS id
MATCH (n:Node {id: id})-[r]->(m)
WHERE n.user_id = $user_id AND r.user_id = $user_id
  AND ($types IS NULL OR type(r) IN $types)
RETURN r.id AS id, type(r) AS type, n.id AS src, m.id AS dst, properties(r) AS props
