// The jobs a batch touches as the graph holds them, one row per READS/WRITES edge (or one
// row without an edge): what changed since they were written, and when they were seen.
UNWIND $ids AS wanted
MATCH (j:Job {id: wanted})
OPTIONAL MATCH (j)-[r:READS|WRITES]->(d:Dataset)
RETURN j.id AS job, j.ol_props_hash AS props_hash, j.last_seen AS last_seen,
       j.valid_to AS valid_to, type(r) AS rel, d.id AS dataset,
       r.last_seen AS edge_last_seen, r.valid_to AS edge_valid_to
