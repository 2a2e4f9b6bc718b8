// New edges with their properties given at creation (ArcadeDB writes the record once;
// MERGE then SET writes it twice). Rows whose edge exists, or whose endpoint is missing, are
// skipped and not returned: graph.bulk upserts those through upsert_edges.
UNWIND $rows AS row
MATCH (a:__SRC__ {id: row.src})
MATCH (b:__DST__ {id: row.dst})
OPTIONAL MATCH (a)-[x:__REL__]->(b)
WITH a, b, row, x
WHERE x IS NULL
CREATE (a)-[:__REL__ {first_seen: $now, last_seen: $now, source: $source, scope: $scope}]->(b)
RETURN collect(row.i) AS created
