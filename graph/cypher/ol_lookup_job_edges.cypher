// The open READS and WRITES edges of the jobs a batch touches (FEEDS are derived again only
// for jobs whose inputs or outputs change).
UNWIND $ids AS wanted
MATCH (j:Job {id: wanted})-[r:READS|WRITES]->(d:Dataset)
WHERE r.valid_to IS NULL
RETURN j.id AS job, type(r) AS rel, d.id AS dataset
