// Rows whose endpoints do not exist are not written; their indexes are not returned.
UNWIND $rows AS row
MATCH (a:__SRC__ {id: row.src})
MATCH (b:__DST__ {id: row.dst})
MERGE (a)-[e:__REL__]->(b)
ON CREATE SET e.first_seen = $now
SET e += row.props,
    e.last_seen = $now,
    e.valid_to = null,
    e.source = $source,
    e.scope = $scope
RETURN collect(row.i) AS written
