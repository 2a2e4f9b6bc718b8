// FEEDS from every dataset a job reads to every dataset it writes, carrying the job ids.
UNWIND $jobs AS jid
MATCH (j:Job {id: jid})-[r:READS]->(i:Dataset)
WHERE r.valid_to IS NULL
MATCH (j)-[w:WRITES]->(o:Dataset)
WHERE w.valid_to IS NULL AND i.id <> o.id
MERGE (i)-[e:FEEDS]->(o)
ON CREATE SET e.first_seen = $now
SET e.jobs = CASE WHEN jid IN coalesce(e.jobs, []) THEN e.jobs
                  ELSE coalesce(e.jobs, []) + [jid] END,
    e.last_seen = $now,
    e.valid_to = null,
    e.source = $source,
    e.scope = $scope
RETURN i.id AS src, o.id AS dst, e.jobs AS jobs
