// Open columns of the given datasets, in their order: the schemas the SQL parser reads.
UNWIND $ids AS did
MATCH (d:Dataset {id: did})-[h:HAS_COLUMN]->(c:Column)
WHERE d.valid_to IS NULL AND h.valid_to IS NULL AND c.valid_to IS NULL
RETURN did AS id, c.name AS name, c.ordinal AS ordinal
ORDER BY id, ordinal, name
