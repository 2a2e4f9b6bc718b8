// Open data products (of one domain, or all), each with its domain and open owners.
MATCH (p:DataProduct)
WHERE p.valid_to IS NULL
OPTIONAL MATCH (dom:Domain)-[h:HAS_PRODUCT]->(p)
WHERE h.valid_to IS NULL AND dom.valid_to IS NULL
WITH p, dom
WHERE $domain IS NULL OR dom.id = $domain
OPTIONAL MATCH (p)-[ob:OWNED_BY]->(o:Owner)
WHERE ob.valid_to IS NULL
RETURN p.id AS id, p {.*} AS product, dom.id AS domain, collect(DISTINCT o.id) AS owners
ORDER BY id
