// Range index on Entity.status.
CREATE INDEX FOR (n:Entity) ON (n.status)
