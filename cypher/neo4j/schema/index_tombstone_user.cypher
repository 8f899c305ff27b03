// Tenant filter: every read is scoped by user_id.
CREATE INDEX tombstone_user IF NOT EXISTS FOR (n:Tombstone) ON (n.user_id)
