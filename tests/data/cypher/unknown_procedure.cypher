// Deliberately wrong: a procedure Neo4j does not have.
CALL db.index.vector.queryNode('memory_embedding', 10, $vector) YIELD node
RETURN node
