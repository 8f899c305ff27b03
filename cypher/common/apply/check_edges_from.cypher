// Relationships the change set updates or deletes, where it knows their ends
// ($edge_refs: [{id, src, dst}]), must join those nodes and belong to the user: read
// between the two nodes (found by their indexed ids), not among every relationship of the
// user (apply/check_edges) nor every relationship of the start node (a person's entity
// has one per episode that mentions it).
WITH failed
UNWIND $edge_refs AS e
OPTIONAL MATCH (a:Node {id: e.src})
OPTIONAL MATCH (b:Node {id: e.dst})
OPTIONAL MATCH (a)-[r]->(b)
WHERE r.id = e.id AND r.user_id = $user_id
WITH failed, count(DISTINCT r) AS found
WITH failed + size($edge_refs) - found AS failed
