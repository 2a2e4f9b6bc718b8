// Open columns: [id, name, type]; a column's id starts with its dataset's.
MATCH (c:Column)
WHERE c.valid_to IS NULL
RETURN collect([c.id, c.name, c.type]) AS rows
