MATCH (a:__SRC__)-[e:__REL__]->(b:__DST__)
WHERE a.id IN $ids AND ($current = false OR e.valid_to IS NULL)
RETURN a.id AS key, e {.*} AS edge, b {.*} AS node
ORDER BY key, node.id
