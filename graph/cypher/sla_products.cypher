// What the SLA evaluation needs of open products: their SLAs and open datasets.
MATCH (p:DataProduct)
WHERE p.valid_to IS NULL AND ($ids IS NULL OR p.id IN $ids)
OPTIONAL MATCH (p)-[c:CONTAINS]->(d:Dataset)
WHERE c.valid_to IS NULL AND d.valid_to IS NULL
RETURN p.id AS id, p.sla AS sla, p.contract_sla AS contract_sla,
       collect(d.id) AS datasets
