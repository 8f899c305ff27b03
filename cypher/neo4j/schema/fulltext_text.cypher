// Keyword seeds for recall: episode and memory text, speaker and predicate.
CREATE FULLTEXT INDEX text_fulltext IF NOT EXISTS
FOR (n:Episode|Memory) ON EACH [n.text, n.speaker, n.predicate]
