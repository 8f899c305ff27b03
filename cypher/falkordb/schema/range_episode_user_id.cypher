// Range index on Episode.user_id.
CREATE INDEX FOR (n:Episode) ON (n.user_id)
