// Accepted classifications on the columns of each product's open datasets.
UNWIND $ids AS pid
MATCH (p:DataProduct {id: pid})-[c:CONTAINS]->(d:Dataset)-[h:HAS_COLUMN]->(col:Column)
      -[e:CLASSIFIED_AS]->(k:Classification)
WHERE c.valid_to IS NULL AND d.valid_to IS NULL AND h.valid_to IS NULL
  AND col.valid_to IS NULL AND e.valid_to IS NULL AND e.status = 'accepted'
RETURN pid AS product, col.id AS subject, k.name AS classification,
       k.sensitivity AS sensitivity
ORDER BY product, subject
