// Live entities (status active) within a tenant.
CREATE INDEX entity_user_status IF NOT EXISTS FOR (n:Entity) ON (n.user_id, n.status)
