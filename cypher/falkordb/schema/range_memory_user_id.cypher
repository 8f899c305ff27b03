// Range index on Memory.user_id.
CREATE INDEX FOR (n:Memory) ON (n.user_id)
