// Keyword seeds for recall over Entity nodes (see apply/index_text for what _text holds).
CREATE FULLTEXT INDEX FOR (n:Entity) ON (n._text)
