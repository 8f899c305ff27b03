// Range index on Memory.status.
CREATE INDEX FOR (n:Memory) ON (n.status)
