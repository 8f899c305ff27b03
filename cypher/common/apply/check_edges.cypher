// Relationships the change set updates or deletes must exist for the user.
WITH failed
OPTIONAL MATCH (:Node {user_id: $user_id})-[r]->()
WHERE r.id IN $edge_ids AND r.user_id = $user_id
WITH failed, count(DISTINCT r) AS found
WITH failed + size($edge_ids) - found AS failed
