// Range index on Document.ref.
CREATE INDEX FOR (n:Document) ON (n.ref)
