// Open columns of the given datasets, one row per dataset ([ordinal, name] pairs, sorted by
// the caller): the schemas the SQL parser reads. One row per dataset, not per column, is
// about half the round trip.
UNWIND $ids AS did
MATCH (d:Dataset {id: did})-[h:HAS_COLUMN]->(c:Column)
WHERE d.valid_to IS NULL AND h.valid_to IS NULL AND c.valid_to IS NULL
RETURN did AS id, collect([c.ordinal, c.name]) AS columns
