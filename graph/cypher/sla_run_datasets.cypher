// The datasets finished runs wrote (through their job's WRITES), with the last statistics.
UNWIND $runs AS rid
MATCH (r:Run {id: rid})-[o:OF_JOB]->(j:Job)-[w:WRITES]->(d:Dataset)
WHERE o.valid_to IS NULL AND w.valid_to IS NULL
RETURN rid AS run, r.state AS state, coalesce(r.ended, r.last_seen) AS at, d.id AS dataset,
       d.row_count AS row_count, d.stats_run AS stats_run
