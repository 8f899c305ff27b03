// One page of a user's nodes for export: ids after $after (all when null), in id
// order, at most $limit, with their embeddings.
MATCH (n:Node)
WHERE n.user_id = $user_id AND ($after IS NULL OR n.id > $after)
RETURN n.id AS id, labels(n) AS labels, n {.*, embedding: null} AS props,
       n.embedding AS embedding
ORDER BY id
LIMIT $limit
