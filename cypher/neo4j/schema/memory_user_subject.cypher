// An add reads the memories of the subjects it names, and re-checks a subject's current
// facts when it writes.
CREATE INDEX memory_user_subject IF NOT EXISTS FOR (n:Memory) ON (n.user_id, n.subject_id)
