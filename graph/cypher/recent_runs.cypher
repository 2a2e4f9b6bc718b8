UNWIND $ids AS key
MATCH (r:__SRC__)-[e:__REL__]->(j:__DST__ {id: key})
WHERE e.valid_to IS NULL
WITH key, r ORDER BY coalesce(r.started, r.ended, r.last_seen) DESC
WITH key, collect(r {.*}) AS runs
RETURN key, runs[0..$first] AS runs
