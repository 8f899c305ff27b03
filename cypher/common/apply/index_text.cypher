// The text the fulltext indexes see, as on the embedded store: name and aliases of
// entities; speaker, text and predicate (underscores as spaces) of episodes and memories.
CALL {
  MATCH (n:Node)
  WHERE n.id IN $touched
  SET n._text = CASE
    WHEN n:Entity THEN trim(reduce(s = coalesce(n.name, ''), a IN coalesce(n.aliases, []) | s + ' ' + a))
    WHEN n:Episode OR n:Memory THEN trim(coalesce(n.speaker, '') + ' ' + coalesce(n.text, '') + ' '
                                          + replace(coalesce(n.predicate, ''), '_', ' '))
    ELSE null END
}
