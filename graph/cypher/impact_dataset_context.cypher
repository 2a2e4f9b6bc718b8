// Each dataset with its (current) data product and that product's domain.
UNWIND $ids AS did
MATCH (d:Dataset {id: did})
OPTIONAL MATCH (p:DataProduct)-[c:CONTAINS]->(d)
WHERE c.valid_to IS NULL AND p.valid_to IS NULL
OPTIONAL MATCH (dom:Domain)-[h:HAS_PRODUCT]->(p)
WHERE h.valid_to IS NULL AND dom.valid_to IS NULL
RETURN did AS id, d.name AS name, d.kind AS kind, p.id AS product, p.name AS product_name,
       dom.id AS domain, dom.name AS domain_name
ORDER BY id, product
