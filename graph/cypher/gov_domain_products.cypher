// Which domain holds each open product.
MATCH (d:Domain)-[h:HAS_PRODUCT]->(p:DataProduct)
WHERE h.valid_to IS NULL AND d.valid_to IS NULL AND p.valid_to IS NULL
RETURN d.id AS domain, p.id AS product
