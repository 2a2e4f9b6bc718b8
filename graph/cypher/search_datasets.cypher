// Search index build: every current dataset with its current columns, one record each
// (far fewer records than one per column: Bolt costs are per record).
MATCH (d:Dataset)
WHERE d.valid_to IS NULL
OPTIONAL MATCH (d)-[h:HAS_COLUMN]->(c:Column)
WHERE h.valid_to IS NULL AND c.valid_to IS NULL
RETURN d.id AS id, d.name AS name, d.description AS description, d.namespace AS namespace,
       d.platform AS platform,
       collect([c.id, c.name, c.path, c.description]) AS columns
