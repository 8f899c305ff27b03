// Names of the constraints present (for schema status).
SHOW CONSTRAINTS YIELD name
RETURN name, 'ONLINE' AS state
