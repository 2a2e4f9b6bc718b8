// Which open product contains each open dataset: [product, dataset].
MATCH (p:DataProduct)-[c:CONTAINS]->(d:Dataset)
WHERE c.valid_to IS NULL AND p.valid_to IS NULL AND d.valid_to IS NULL
RETURN collect([p.id, d.id]) AS rows
