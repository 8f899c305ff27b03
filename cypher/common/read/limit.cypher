// At most $limit rows.
LIMIT $limit
