// Every run with its job and the datasets the job writes (last runs, run subjects).
MATCH (r:Run)-[o:OF_JOB]->(j:Job)
WHERE o.valid_to IS NULL
OPTIONAL MATCH (j)-[w:WRITES]->(d:Dataset)
WHERE w.valid_to IS NULL AND d.valid_to IS NULL
RETURN r {.*} AS run, j.id AS job, collect(d.id) AS outputs
