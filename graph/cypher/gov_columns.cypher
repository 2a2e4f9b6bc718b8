// Open columns of open datasets.
MATCH (d:Dataset)-[h:HAS_COLUMN]->(c:Column)
WHERE h.valid_to IS NULL AND c.valid_to IS NULL AND d.valid_to IS NULL
RETURN d.id AS dataset, c.id AS id, c.name AS name, c.type AS type
