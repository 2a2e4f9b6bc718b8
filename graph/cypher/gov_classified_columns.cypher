// Accepted classifications on the open columns of open datasets.
MATCH (c:Column)-[e:CLASSIFIED_AS]->(k:Classification)
WHERE e.valid_to IS NULL AND e.status = 'accepted' AND c.valid_to IS NULL
MATCH (d:Dataset)-[h:HAS_COLUMN]->(c)
WHERE h.valid_to IS NULL AND d.valid_to IS NULL
RETURN d.id AS dataset, c.id AS on, k.name AS name, k.sensitivity AS sensitivity
