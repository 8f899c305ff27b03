// Range index on Document.user_id.
CREATE INDEX FOR (n:Document) ON (n.user_id)
