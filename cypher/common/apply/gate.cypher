// Write only if every check passed; otherwise the statement returns no row.
WITH failed
WHERE failed = 0
