// Every current DERIVES_FROM edge (the topology of column lineage) with whether each end is
// current, and the job behind it, for the in-memory column lineage index: a hop does not
// step onto a closed node.
MATCH (x)-[e:DERIVES_FROM]->(c:Column)
WHERE e.valid_to IS NULL
RETURN x.id AS src, c.id AS dst, x.valid_to IS NOT NULL AS src_closed,
       c.valid_to IS NOT NULL AS dst_closed, e.job AS job, e.jobs AS jobs
