// Range index on Memory.chain_id.
CREATE INDEX FOR (n:Memory) ON (n.chain_id)
