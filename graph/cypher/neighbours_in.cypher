MATCH (a:__SRC__)-[e:__REL__]->(b:__DST__)
WHERE b.id IN $ids AND ($current = false OR e.valid_to IS NULL)
RETURN b.id AS key, e {.*} AS edge, a {.*} AS node
ORDER BY key, node.id
