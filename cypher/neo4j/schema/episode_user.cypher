// Tenant filter: every read of Episode nodes is scoped by user_id.
CREATE INDEX episode_user IF NOT EXISTS FOR (n:Episode) ON (n.user_id)
