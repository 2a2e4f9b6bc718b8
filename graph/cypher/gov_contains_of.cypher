// gov_contains for these datasets only: [product, dataset].
UNWIND $ids AS did
MATCH (d:Dataset {id: did})<-[c:CONTAINS]-(p:DataProduct)
WHERE c.valid_to IS NULL AND p.valid_to IS NULL AND d.valid_to IS NULL
RETURN collect([p.id, d.id]) AS rows
