// One WriteLock node per user: every write of the user locks it first (apply/lock), so
// two transactions creating it at once make one node, not two.
CREATE CONSTRAINT write_lock_user IF NOT EXISTS FOR (l:WriteLock) REQUIRE l.user_id IS UNIQUE
