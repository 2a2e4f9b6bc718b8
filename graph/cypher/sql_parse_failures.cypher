// Open jobs whose SQL did not parse (views, dbt models, OpenLineage sql facets), newest first.
MATCH (j:Job)
WHERE j.valid_to IS NULL AND j.sql_parse_error IS NOT NULL
RETURN j.id AS id, j.namespace AS namespace, j.name AS name, j.type AS type,
       j.sql_parse_error AS error, j.sql_parse_dialect AS dialect, j.last_seen AS last_seen
ORDER BY last_seen DESC, id
SKIP $skip LIMIT $limit
