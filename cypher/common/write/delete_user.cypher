// Remove every node (and so every relationship) of one user.
MATCH (n:Node)
WHERE n.user_id = $user_id
DETACH DELETE n
RETURN count(*) AS deleted
