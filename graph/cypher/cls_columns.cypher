// Open columns of the given datasets, with what the classifier reads from them.
MATCH (d:Dataset)-[h:HAS_COLUMN]->(c:Column)
WHERE d.id IN $ids AND h.valid_to IS NULL AND c.valid_to IS NULL
RETURN d.id AS dataset_id, d.name AS dataset_name, c.id AS column_id, c.name AS name,
       c.type AS type
ORDER BY dataset_id, column_id
