// Lifecycle and recall filter on status within a tenant.
CREATE INDEX memory_user_status IF NOT EXISTS FOR (n:Memory) ON (n.user_id, n.status)
