// Which open product contains each open dataset.
MATCH (p:DataProduct)-[c:CONTAINS]->(d:Dataset)
WHERE c.valid_to IS NULL AND p.valid_to IS NULL AND d.valid_to IS NULL
RETURN p.id AS product, d.id AS dataset
