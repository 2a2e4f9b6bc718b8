UNWIND $ids AS key
MATCH (j:__DST__ {id: key})<-[e:__REL__]-(r:__SRC__)
WHERE e.valid_to IS NULL
WITH key, r ORDER BY coalesce(r.started, r.ended, r.last_seen) DESC
WITH key, collect(r {.*}) AS runs
RETURN key, runs[0..$first] AS runs
