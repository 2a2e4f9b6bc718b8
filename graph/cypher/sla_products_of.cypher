// What the SLA evaluation needs of these open products (one id lookup each): their SLAs
// and open datasets.
UNWIND $ids AS pid
MATCH (p:DataProduct {id: pid})
WHERE p.valid_to IS NULL
OPTIONAL MATCH (p)-[c:CONTAINS]->(d:Dataset)
WHERE c.valid_to IS NULL AND d.valid_to IS NULL
RETURN p.id AS id, p.sla AS sla, p.contract_sla AS contract_sla,
       collect(d.id) AS datasets
