// Tenant filter for reads that do not know the label (counts, forget, relationship ids).
CREATE INDEX node_user IF NOT EXISTS FOR (n:Node) ON (n.user_id)
