// Keyword seeds for recall over Episode nodes: _text holds what the embedded store indexes
// (see apply/index_text); the english analyzer stems as the embedded store's porter does.
CREATE FULLTEXT INDEX episode_fulltext IF NOT EXISTS
FOR (n:Episode) ON EACH [n._text]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}}
