// Tenant filter: every read of Document nodes is scoped by user_id.
CREATE INDEX document_user IF NOT EXISTS FOR (n:Document) ON (n.user_id)
