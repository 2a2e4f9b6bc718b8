// (dataset, product) pairs: a dataset page's views count for the products holding it.
UNWIND $ids AS did
MATCH (d:Dataset {id: did})<-[c:CONTAINS]-(p:DataProduct)
WHERE c.valid_to IS NULL AND p.valid_to IS NULL
RETURN did AS dataset, p.id AS product
