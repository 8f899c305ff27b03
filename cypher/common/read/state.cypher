// What a refused write needs to explain itself: owner, frozen flag and status of nodes.
UNWIND $ids AS id
MATCH (n:Node {id: id})
RETURN n.id AS id, n.user_id AS user_id, n.frozen AS frozen, n.status AS status
