// Open datasets (of one domain's products, or all), with their product, their own open
// owners and their product's open owners.
MATCH (d:Dataset)
WHERE d.valid_to IS NULL
OPTIONAL MATCH (p:DataProduct)-[c:CONTAINS]->(d)
WHERE c.valid_to IS NULL AND p.valid_to IS NULL
OPTIONAL MATCH (dom:Domain)-[h:HAS_PRODUCT]->(p)
WHERE h.valid_to IS NULL AND dom.valid_to IS NULL
WITH d, p, dom
WHERE $domain IS NULL OR dom.id = $domain
OPTIONAL MATCH (d)-[od:OWNED_BY]->(o:Owner)
WHERE od.valid_to IS NULL
OPTIONAL MATCH (p)-[op:OWNED_BY]->(po:Owner)
WHERE op.valid_to IS NULL
RETURN d.id AS id, d.name AS name, p.id AS product, collect(DISTINCT o.id) AS owners,
       collect(DISTINCT po.id) AS product_owners
ORDER BY id
