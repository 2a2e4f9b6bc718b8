// The domain of each data product.
UNWIND $ids AS pid
MATCH (d:Domain)-[h:HAS_PRODUCT]->(p:DataProduct {id: pid})
WHERE h.valid_to IS NULL AND d.valid_to IS NULL
RETURN pid AS product, d.id AS domain
