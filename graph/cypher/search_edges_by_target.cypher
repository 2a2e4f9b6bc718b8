// Search index build: current edges of one type, one record per target node (a tag, an
// owner, a classification: few targets, many sources).
MATCH (a:__SRC__)-[e:__REL__]->(b:__DST__)
WHERE e.valid_to IS NULL AND a.valid_to IS NULL AND b.valid_to IS NULL
RETURN b.id AS key, collect([a.id, e.status]) AS others
