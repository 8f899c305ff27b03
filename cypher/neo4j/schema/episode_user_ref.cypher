// Idempotent adds look a message up by its ref (in its session).
CREATE INDEX episode_user_ref IF NOT EXISTS FOR (n:Episode) ON (n.user_id, n.ref)
