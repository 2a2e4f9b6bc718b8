// create_edges for column lineage: the job and the OpenLineage transformations (JSON text).
UNWIND $rows AS row
MATCH (a:__SRC__ {id: row.src})
MATCH (b:__DST__ {id: row.dst})
OPTIONAL MATCH (a)-[x:__REL__]->(b)
WITH a, b, row, x
WHERE x IS NULL
CREATE (a)-[:__REL__ {job: row.props.job, transformations: row.props.transformations,
                      first_seen: $now, last_seen: $now, source: $source, scope: $scope}]->(b)
RETURN collect(row.i) AS created
