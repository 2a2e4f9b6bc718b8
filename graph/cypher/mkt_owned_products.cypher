// Open products whose requests an owner (team or user, by name) decides: those it owns,
// and those of the domains it stewards. One row per matching owner node.
MATCH (o:Owner)
WHERE o.name IN $names
OPTIONAL MATCH (p:DataProduct)-[e:OWNED_BY]->(o)
WHERE e.valid_to IS NULL AND p.valid_to IS NULL
WITH o, collect(DISTINCT p.id) AS owned
OPTIONAL MATCH (d:Domain)-[s:OWNED_BY]->(o)
WHERE s.valid_to IS NULL AND s.role = 'steward'
OPTIONAL MATCH (d)-[h:HAS_PRODUCT]->(q:DataProduct)
WHERE h.valid_to IS NULL AND q.valid_to IS NULL
RETURN owned, collect(DISTINCT q.id) AS stewarded
