// Tenant filter: every read of Memory nodes is scoped by user_id.
CREATE INDEX memory_user IF NOT EXISTS FOR (n:Memory) ON (n.user_id)
