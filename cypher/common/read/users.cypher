// Every user with nodes in the store (export of all users).
MATCH (n:Node)
RETURN DISTINCT n.user_id AS user_id
ORDER BY user_id
