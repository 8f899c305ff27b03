// Entity resolution re-checks the names of one fuzzy-matching block when it writes.
CREATE INDEX entity_user_block IF NOT EXISTS FOR (n:Entity) ON (n.user_id, n.block)
