// The open products that contain these datasets.
UNWIND $ids AS did
MATCH (p:DataProduct)-[c:CONTAINS]->(d:Dataset {id: did})
WHERE c.valid_to IS NULL AND p.valid_to IS NULL
RETURN DISTINCT p.id AS id
