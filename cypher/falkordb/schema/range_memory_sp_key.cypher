// Range index on Memory.sp_key.
CREATE INDEX FOR (n:Memory) ON (n.sp_key)
