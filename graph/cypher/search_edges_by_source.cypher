// Search index build: current edges of one type, one record per source node that has any.
// A pattern comprehension per source, not a collect() grouping every source at once (see
// search_datasets).
MATCH (a:__SRC__)
WHERE a.valid_to IS NULL
WITH a, [(a)-[e:__REL__]->(b:__DST__) WHERE e.valid_to IS NULL AND b.valid_to IS NULL
         | [b.id, e.status]] AS others
WHERE size(others) > 0
RETURN a.id AS key, others
