// Every node carries the label Node and an id unique across all labels; every lookup by
// id (reads, guards, relationship endpoints) goes through this constraint's index.
CREATE CONSTRAINT node_id IF NOT EXISTS FOR (n:Node) REQUIRE n.id IS UNIQUE
