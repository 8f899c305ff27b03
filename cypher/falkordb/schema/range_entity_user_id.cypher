// Range index on Entity.user_id.
CREATE INDEX FOR (n:Entity) ON (n.user_id)
