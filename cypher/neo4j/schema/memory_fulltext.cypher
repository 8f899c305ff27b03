// Keyword seeds for recall over Memory nodes: _text holds what the embedded store indexes
// (see apply/index_text); the english analyzer stems as the embedded store's porter does.
CREATE FULLTEXT INDEX memory_fulltext IF NOT EXISTS
FOR (n:Memory) ON EACH [n._text]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}}
