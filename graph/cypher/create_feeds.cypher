// create_edges_from_end for dataset lineage: FEEDS carries the ids of the jobs behind it.
UNWIND $rows AS row
MATCH (a:__SRC__ {id: row.src})
MATCH (b:__DST__ {id: row.dst})
OPTIONAL MATCH (b)<-[x:__REL__]-(a)
WITH a, b, row, x
WHERE x IS NULL
CREATE (a)-[:__REL__ {jobs: row.props.jobs,
                      first_seen: $now, last_seen: $now, source: $source, scope: $scope}]->(b)
RETURN collect(row.i) AS created
