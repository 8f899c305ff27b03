// Tenant filter for reads that do not know the label (counts, forget, relationship ids).
CREATE INDEX FOR (n:Node) ON (n.user_id)
