// The current data products of each domain.
UNWIND $ids AS did
MATCH (d:Domain {id: did})-[h:HAS_PRODUCT]->(p:DataProduct)
WHERE h.valid_to IS NULL AND p.valid_to IS NULL
RETURN did AS domain, p.id AS product
