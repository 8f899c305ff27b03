// Keyword seeds for recall over Memory nodes (see apply/index_text for what _text holds).
CREATE FULLTEXT INDEX FOR (n:Memory) ON (n._text)
