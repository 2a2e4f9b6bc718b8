// The domain of each data product.
UNWIND $ids AS pid
MATCH (p:DataProduct {id: pid})<-[h:HAS_PRODUCT]-(d:Domain)
WHERE h.valid_to IS NULL AND d.valid_to IS NULL
RETURN pid AS product, d.id AS domain
