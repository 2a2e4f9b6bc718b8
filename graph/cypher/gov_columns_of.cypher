// The open columns of these datasets: [id, name, type] (gov_columns, for a few datasets).
UNWIND $ids AS did
MATCH (d:Dataset {id: did})-[:HAS_COLUMN]->(c:Column)
WHERE c.valid_to IS NULL
RETURN collect([c.id, c.name, c.type]) AS rows
