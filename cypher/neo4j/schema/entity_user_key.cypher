// Entity resolution looks entities up by normalised key within a tenant.
CREATE INDEX entity_user_key IF NOT EXISTS FOR (n:Entity) ON (n.user_id, n.key)
