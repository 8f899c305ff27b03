// Every lookup by id (reads, guards, relationship endpoints) uses this index.
CREATE INDEX FOR (n:Node) ON (n.id)
