// Serialise the writes of one user, then lock what the change set touches, before its
// preconditions and expectations are checked, so that no check and its write interleave
// with another transaction: first the write lock of the user's WriteLock node (created
// on first use, kept unique by the constraint write_lock_user), which every apply of the
// user takes, so that reads of nodes not yet created (the current version of a fact,
// the last turn of a session) are re-checked serially; then the write locks of every
// existing node the change set reads or writes. A property set and removed again
// leaves only the lock.
MERGE (l:WriteLock {user_id: $user_id})
SET l._lock = true
REMOVE l._lock
WITH count(l) AS users
OPTIONAL MATCH (n:Node)
WHERE n.id IN $lock_ids
SET n._lock = true
REMOVE n._lock
WITH count(n) AS locked
