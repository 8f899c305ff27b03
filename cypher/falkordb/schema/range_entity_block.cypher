// Entity resolution re-checks the names of one fuzzy-matching block when it writes.
CREATE INDEX FOR (n:Entity) ON (n.block)
