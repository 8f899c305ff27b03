// Entity.alias_keys is a list of strings: FalkorDB's range index holds each element, so
// `k IN e.alias_keys` (a query naming an alias, resolution re-checking an alias when it
// writes) reads the index instead of every entity of the user.
CREATE INDEX FOR (n:Entity) ON (n.alias_keys)
