// Which of these relationship ids exist for the user.
MATCH (:Node {user_id: $user_id})-[r]->()
WHERE r.id IN $ids AND r.user_id = $user_id
RETURN r.id AS id
