// One hop downstream along column lineage: the open columns derived from the given ones.
MATCH (o:Column)-[e:DERIVES_FROM]->(i:Column)
WHERE i.id IN $ids AND e.valid_to IS NULL AND o.valid_to IS NULL
RETURN i.id AS input, o.id AS output, e.transformations AS transformations, e.job AS job
ORDER BY input, output
