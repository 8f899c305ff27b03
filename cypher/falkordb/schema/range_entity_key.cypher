// Range index on Entity.key.
CREATE INDEX FOR (n:Entity) ON (n.key)
