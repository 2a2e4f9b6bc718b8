// Open classifications that propagation wrote.
MATCH (c:Column)-[e:CLASSIFIED_AS]->(k:Classification)
WHERE e.valid_to IS NULL AND e.source = 'propagated'
RETURN c.id AS src, k.id AS dst, k.name AS name, e {.*} AS edge
ORDER BY src, dst
