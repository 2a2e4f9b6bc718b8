// Accepted classifications on each product's open datasets themselves.
UNWIND $ids AS pid
MATCH (p:DataProduct {id: pid})-[c:CONTAINS]->(d:Dataset)-[e:CLASSIFIED_AS]->(k:Classification)
WHERE c.valid_to IS NULL AND d.valid_to IS NULL AND e.valid_to IS NULL
  AND e.status = 'accepted'
RETURN pid AS product, d.id AS subject, k.name AS classification,
       k.sensitivity AS sensitivity
ORDER BY product, subject
