// Search index build: the current edges of a page of source nodes (in id order).
MATCH (a:__SRC__)
WHERE a.id > $after
WITH a ORDER BY a.id LIMIT $limit
OPTIONAL MATCH (a)-[e:__REL__]->(b:__DST__)
WHERE e.valid_to IS NULL
RETURN a.id AS src, collect(b.id) AS dst, collect(e.status) AS status
