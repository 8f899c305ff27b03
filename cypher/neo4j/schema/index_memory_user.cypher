// Tenant filter: every read is scoped by user_id.
CREATE INDEX memory_user IF NOT EXISTS FOR (n:Memory) ON (n.user_id)
