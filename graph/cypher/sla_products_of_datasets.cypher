// The open products that contain these datasets.
UNWIND $ids AS did
MATCH (d:Dataset {id: did})<-[c:CONTAINS]-(p:DataProduct)
WHERE c.valid_to IS NULL AND p.valid_to IS NULL
RETURN DISTINCT p.id AS id
