// The text the fulltext indexes see, as on the embedded store
// (graphmem.stores.semantics.fulltext_body): the values of the node's fulltext
// properties ($fulltext: per label, [{name, spaced}]), list values element by element,
// joined by single spaces; a spaced property reads its underscores as spaces.
CALL {
  MATCH (n:Node)
  WHERE n.id IN $touched
  WITH n, reduce(fs = [], spec IN $fulltext |
                 fs + CASE WHEN spec.label IN labels(n) THEN spec.fields ELSE [] END) AS fields
  WITH n, reduce(ps = [], f IN fields |
                 ps + [v IN [] + coalesce(n[f.name], []) WHERE v IS NOT NULL AND toString(v) <> '' |
                       CASE WHEN f.spaced THEN replace(toString(v), '_', ' ')
                            ELSE toString(v) END]) AS parts
  SET n._text = CASE WHEN size(parts) = 0 THEN null
                     ELSE reduce(s = head(parts), p IN tail(parts) | s + ' ' + p) END
}
