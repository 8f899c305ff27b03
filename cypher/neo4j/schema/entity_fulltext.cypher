// Keyword seeds for recall over Entity nodes: _text holds what the embedded store indexes
// (see apply/index_text); the english analyzer stems as the embedded store's porter does.
CREATE FULLTEXT INDEX entity_fulltext IF NOT EXISTS
FOR (n:Entity) ON EACH [n._text]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}}
