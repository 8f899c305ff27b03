// The reads that decided the write, run again inside it ({{label}} and {{prop}} pass
// the allow-lists): per expectation, the user's {{label}} nodes whose {{prop}} equals
// x.value, with a status in x.statuses (any if null). Their ids must be exactly x.ids
// or, when x.highest names a property, its largest value among them must be x.top
// (null: no such node). Counts the expectations that no longer hold.
CALL {
  UNWIND $expects.{{group}} AS x
  WITH x, x.value AS value
  OPTIONAL MATCH (n:{{label}})
  WHERE n.{{prop}} = value AND n.user_id = $user_id
    AND (x.statuses IS NULL OR n.status IN x.statuses)
  WITH x, collect(n.id) AS found,
       max(CASE WHEN x.highest IS NULL THEN null ELSE n[x.highest] END) AS top
  RETURN count(CASE WHEN
            (x.highest IS NULL AND (size(found) <> size(x.ids)
                                   OR any(i IN found WHERE NOT i IN x.ids)))
         OR (x.highest IS NOT NULL AND NOT coalesce(top = x.top, top IS NULL AND x.top IS NULL))
         THEN 1 END) AS stale
}
WITH failed + stale AS failed
