// Preconditions of a change set, read before anything is written. Each check names a
// node that must be absent (a new id) or must belong to the user, and, for guards, must
// not be frozen, must have one of the given statuses and must still hold the property
// values the write read: $checks[].unchanged [{name, value, null}] exactly (null means
// absent), $checks[].near [{name, value, tolerance}] (floats) within the tolerance.
// Counts the failures.
UNWIND $checks AS c
OPTIONAL MATCH (n:Node {id: c.id})
WITH count(CASE WHEN
        (c.absent AND n IS NOT NULL)
     OR (NOT c.absent AND (n IS NULL OR n.user_id <> $user_id))
     OR (c.not_frozen AND n.frozen = true)
     OR (c.statuses IS NOT NULL AND NOT coalesce(n.status IN c.statuses, false))
     OR any(p IN c.unchanged WHERE
            CASE WHEN p.null THEN n[p.name] IS NOT NULL
                 ELSE NOT coalesce(n[p.name] = p.value, false) END)
     OR any(p IN c.near WHERE NOT coalesce(abs(n[p.name] - p.value) <= p.tolerance, false))
     THEN 1 END) AS failed
