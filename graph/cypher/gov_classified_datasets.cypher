// Accepted classifications on open datasets.
MATCH (d:Dataset)-[e:CLASSIFIED_AS]->(k:Classification)
WHERE e.valid_to IS NULL AND e.status = 'accepted' AND d.valid_to IS NULL
RETURN d.id AS dataset, d.id AS on, k.name AS name, k.sensitivity AS sensitivity
