// Search index build: current edges of one type, one record per source node.
MATCH (a:__SRC__)-[e:__REL__]->(b:__DST__)
WHERE e.valid_to IS NULL AND a.valid_to IS NULL AND b.valid_to IS NULL
RETURN a.id AS key, collect([b.id, e.status]) AS others
