// Wait until every index is online (populated), up to $seconds.
CALL db.awaitIndexes($seconds)
