// Node counts of one user grouped by labels, status, kind and frozen flag.
MATCH (n:Node)
WHERE n.user_id = $user_id
RETURN labels(n) AS labels, n.status AS status, n.kind AS kind,
       coalesce(n.frozen, false) AS frozen, count(*) AS count
