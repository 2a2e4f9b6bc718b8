// Open dataset lineage edges (lineage neighbours of the views): [src, dst].
MATCH (a:Dataset)-[f:FEEDS]->(b:Dataset)
WHERE f.valid_to IS NULL
RETURN collect([a.id, b.id]) AS rows
