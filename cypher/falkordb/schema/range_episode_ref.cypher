// Idempotent adds look a message up by its ref (in its session).
CREATE INDEX FOR (n:Episode) ON (n.ref)
