// Names and states of the indexes and constraints present (for schema status).
SHOW INDEXES YIELD name, state
RETURN name, state
