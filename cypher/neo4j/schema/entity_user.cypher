// Tenant filter: every read of Entity nodes is scoped by user_id.
CREATE INDEX entity_user IF NOT EXISTS FOR (n:Entity) ON (n.user_id)
