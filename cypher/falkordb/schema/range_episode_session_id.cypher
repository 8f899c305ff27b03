// Range index on Episode.session_id.
CREATE INDEX FOR (n:Episode) ON (n.session_id)
