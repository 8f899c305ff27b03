// Range index on Tombstone.user_id.
CREATE INDEX FOR (n:Tombstone) ON (n.user_id)
