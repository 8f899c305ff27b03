// A write-mode no-op: FalkorDB creates the graph's key, so read-only queries work on a
// graph nothing was written to yet.
RETURN 1 AS ok
