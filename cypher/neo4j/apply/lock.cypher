// Take the write locks of every existing node the change set reads or writes before its
// preconditions are checked, so a check and its write cannot interleave with another
// transaction. The property is set and removed again: only the lock remains.
OPTIONAL MATCH (n:Node)
WHERE n.id IN $lock_ids
SET n._lock = true
REMOVE n._lock
WITH count(n) AS locked
