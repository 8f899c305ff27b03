// Tenant filter: every read of Tombstone nodes is scoped by user_id.
CREATE INDEX tombstone_user IF NOT EXISTS FOR (n:Tombstone) ON (n.user_id)
