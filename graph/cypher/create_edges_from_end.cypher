// create_edges, the existing-edge check anchored at the end node (see upsert_edges_from_end).
UNWIND $rows AS row
MATCH (a:__SRC__ {id: row.src})
MATCH (b:__DST__ {id: row.dst})
OPTIONAL MATCH (b)<-[x:__REL__]-(a)
WITH a, b, row, x
WHERE x IS NULL
CREATE (a)-[:__REL__ {first_seen: $now, last_seen: $now, source: $source, scope: $scope}]->(b)
RETURN collect(row.i) AS created
