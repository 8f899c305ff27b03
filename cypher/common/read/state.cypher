// What a refused write needs to explain itself: the owner and properties of nodes.
UNWIND $ids AS id
MATCH (n:Node {id: id})
RETURN n.id AS id, n.user_id AS user_id, n {.*, embedding: null} AS props
