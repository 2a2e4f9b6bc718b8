// These open products with their domain, owners and the ids of their open datasets: one
// id lookup each (the marketplace's page, a notification's products).
UNWIND $ids AS pid
MATCH (p:DataProduct {id: pid})
WHERE p.valid_to IS NULL
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
