// history() reads every version of one chain.
CREATE INDEX memory_user_chain IF NOT EXISTS FOR (n:Memory) ON (n.user_id, n.chain_id)
