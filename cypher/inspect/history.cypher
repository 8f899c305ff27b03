// The history chain of one fact, newest first: every version, what superseded what and
// why. In Neo4j Browser: :param memory_id => 'mem_...'
MATCH (start:Memory {id: $memory_id})
MATCH (v:Memory)
WHERE v.user_id = start.user_id AND v.chain_id = start.chain_id
OPTIONAL MATCH (newer:Memory)-[s:SUPERSEDES]->(v)
RETURN v.version AS version, v.text AS text, v.status AS status, v.valid_from AS valid_from,
       v.valid_to AS valid_to, newer.id AS superseded_by, s.policy AS policy, s.reason AS reason
ORDER BY v.version DESC
