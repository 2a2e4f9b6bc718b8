// Accepted classifications on the open columns of these open datasets
// (gov_classified_columns, for a few datasets).
UNWIND $ids AS did
MATCH (d:Dataset {id: did})-[h:HAS_COLUMN]->(c:Column)-[e:CLASSIFIED_AS]->(k:Classification)
WHERE h.valid_to IS NULL AND d.valid_to IS NULL AND c.valid_to IS NULL
  AND e.valid_to IS NULL AND e.status = 'accepted'
RETURN d.id AS dataset, c.id AS on, k.name AS name, k.sensitivity AS sensitivity
