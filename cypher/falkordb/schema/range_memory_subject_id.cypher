// Range index on Memory.subject_id: an add reads the memories of the subjects it names,
// and re-checks a subject's current facts when it writes.
CREATE INDEX FOR (n:Memory) ON (n.subject_id)
