// Open products with their domain, owners and the ids of their open datasets.
MATCH (p:DataProduct)
WHERE p.valid_to IS NULL AND ($ids IS NULL OR p.id IN $ids)
OPTIONAL MATCH (dom:Domain)-[h:HAS_PRODUCT]->(p)
WHERE h.valid_to IS NULL
OPTIONAL MATCH (p)-[ob:OWNED_BY]->(o:Owner)
WHERE ob.valid_to IS NULL
WITH p, dom, collect(DISTINCT o.name) AS owners
OPTIONAL MATCH (p)-[c:CONTAINS]->(d:Dataset)
WHERE c.valid_to IS NULL AND d.valid_to IS NULL
RETURN p.id AS id, p {.*} AS product, dom.id AS domain, owners,
       collect(DISTINCT d.id) AS datasets
ORDER BY id
