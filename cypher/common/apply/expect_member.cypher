// As apply/expect, for a list property: the user's {{label}} nodes whose {{prop}}
// holds x.value (bound to a variable first: FalkorDB answers `value IN n.prop` from its
// index of the list's elements, `x.value IN n.prop` by testing every node of the user).
CALL {
  UNWIND $expects.{{group}} AS x
  WITH x, x.value AS value
  OPTIONAL MATCH (n:{{label}})
  WHERE value IN n.{{prop}} AND n.user_id = $user_id
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
