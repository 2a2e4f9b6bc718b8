// Ids of the open datasets of one domain's data products.
MATCH (dom:Domain {id: $domain})-[h:HAS_PRODUCT]->(p:DataProduct)-[c:CONTAINS]->(d:Dataset)
WHERE h.valid_to IS NULL AND c.valid_to IS NULL AND p.valid_to IS NULL AND d.valid_to IS NULL
RETURN DISTINCT d.id AS id
ORDER BY id
