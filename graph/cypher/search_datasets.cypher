// Search index build: every current dataset with its current columns, one record each
// (far fewer records than one per column: Bolt costs are per record). The columns are a
// pattern comprehension, one list per record: a collect() would group every dataset of the
// graph at once, and ArcadeDB refuses a GROUP BY that outgrows its query heap budget (1M
// datasets with 10M columns at the benchmarks' xl scale).
MATCH (d:Dataset)
WHERE d.valid_to IS NULL
RETURN d.id AS id, d.name AS name, d.description AS description, d.namespace AS namespace,
       d.platform AS platform,
       [(d)-[h:HAS_COLUMN]->(c:Column) WHERE h.valid_to IS NULL AND c.valid_to IS NULL
        | [c.id, c.name, c.path, c.description]] AS columns
