// Every classification edge of the given subjects, open or closed, with the info type.
MATCH (a:__SRC__)-[e:__REL__]->(k:__DST__)
WHERE a.id IN $ids
RETURN a.id AS src, k.id AS dst, k.name AS name, e {.*} AS edge
ORDER BY src, dst
