// Conflict detection finds the current facts of one (subject, predicate).
CREATE INDEX memory_user_sp_key IF NOT EXISTS FOR (n:Memory) ON (n.user_id, n.sp_key)
