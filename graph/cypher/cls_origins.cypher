// Accepted classifications of open columns: where propagation starts.
MATCH (c:Column)-[e:CLASSIFIED_AS]->(k:Classification)
WHERE e.valid_to IS NULL AND e.status = 'accepted' AND c.valid_to IS NULL
RETURN c.id AS column, k.id AS classification, k.name AS name, e.score AS score,
       e.source AS source, e.decided_by AS decided_by,
       e.classifier_version AS classifier_version
ORDER BY column, classification
