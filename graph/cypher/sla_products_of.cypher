// What the SLA evaluation needs of these open products (one id lookup each): their SLAs
// and open datasets, as [id, sla, contract_sla, datasets] in one record (ten thousand
// records cost the driver twice what one list of them does).
UNWIND $ids AS pid
MATCH (p:DataProduct {id: pid})
WHERE p.valid_to IS NULL
OPTIONAL MATCH (p)-[c:CONTAINS]->(d:Dataset)
WHERE c.valid_to IS NULL AND d.valid_to IS NULL
WITH p, collect(d.id) AS datasets
RETURN collect([p.id, p.sla, p.contract_sla, datasets]) AS products
