// NEXT linking finds the last episode of a session.
CREATE INDEX episode_user_session IF NOT EXISTS FOR (n:Episode) ON (n.user_id, n.session_id)
