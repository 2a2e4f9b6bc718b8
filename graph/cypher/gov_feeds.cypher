// Open dataset lineage edges (lineage neighbours of the views).
MATCH (a:Dataset)-[f:FEEDS]->(b:Dataset)
WHERE f.valid_to IS NULL
RETURN a.id AS src, b.id AS dst
