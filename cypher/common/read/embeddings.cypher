// Stored embeddings of the user's nodes with these ids.
UNWIND $ids AS id
MATCH (n:Node {id: id})
WHERE n.user_id = $user_id AND n.embedding IS NOT NULL
RETURN n.id AS id, n.embedding AS embedding
