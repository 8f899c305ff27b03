// Indexes present, one row per label: property -> index types (for schema status).
CALL db.indexes() YIELD label, types, status
RETURN label, types, status
