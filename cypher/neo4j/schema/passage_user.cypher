// Tenant filter: every read of Passage nodes is scoped by user_id.
CREATE INDEX passage_user IF NOT EXISTS FOR (n:Passage) ON (n.user_id)
