// A user's current facts, preferences and events, with the entities they are about.
// In Neo4j Browser: :param user_id => 'u1'
MATCH (m:Memory)
WHERE m.user_id = $user_id AND m.status IN ['generated', 'activated']
OPTIONAL MATCH (m)-[a:ABOUT]->(e:Entity)
RETURN m.kind AS kind, m.text AS text, m.confidence AS confidence, m.valid_from AS valid_from,
       m.created_at AS created_at, collect(e.name + ' (' + a.role + ')') AS about
ORDER BY created_at DESC
LIMIT 100
