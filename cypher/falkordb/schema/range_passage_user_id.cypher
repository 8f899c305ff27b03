// Range index on Passage.user_id.
CREATE INDEX FOR (n:Passage) ON (n.user_id)
