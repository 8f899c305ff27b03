// The nodes with these ids that belong to the user, without their embeddings.
UNWIND $ids AS id
MATCH (n:Node {id: id})
WHERE n.user_id = $user_id
RETURN n.id AS id, labels(n) AS labels, n {.*, embedding: null} AS props
