// Node counts of one user by labels and status.
MATCH (n:Node)
WHERE n.user_id = $user_id
RETURN labels(n) AS labels, n.status AS status, count(*) AS count
