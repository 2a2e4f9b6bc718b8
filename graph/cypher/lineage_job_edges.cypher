// The __REL__ (READS or WRITES) edges of the given jobs that end at the given datasets.
UNWIND $jobs AS jid
MATCH (j:Job {id: jid})-[e:__REL__]->(d:Dataset)
WHERE d.id IN $datasets
  AND (($t1 IS NULL AND e.valid_to IS NULL)
       OR ($t1 IS NOT NULL AND e.first_seen <= $t2 AND (e.valid_to IS NULL OR e.valid_to > $t1)))
RETURN jid AS job, d.id AS dataset, e {.*} AS edge
