// Every current FEEDS edge (the topology of dataset lineage) and its jobs, for the
// in-memory index.
MATCH (a:Dataset)-[e:FEEDS]->(b:Dataset)
WHERE e.valid_to IS NULL
RETURN a.id AS src, b.id AS dst, e.jobs AS jobs, e.job AS job
