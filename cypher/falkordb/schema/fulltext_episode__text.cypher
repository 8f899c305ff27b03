// Keyword seeds for recall over Episode nodes (see apply/index_text for what _text holds).
CREATE FULLTEXT INDEX FOR (n:Episode) ON (n._text)
