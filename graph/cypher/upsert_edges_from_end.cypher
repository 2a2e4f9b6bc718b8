// upsert_edges with the MERGE pattern written from the end node: ArcadeDB walks the edges of
// the node a pattern starts from, so relationships whose start is the high-degree side
// (a product's datasets, a hub's FEEDS) anchor at the end. Same edges, same semantics.
UNWIND $rows AS row
MATCH (a:__SRC__ {id: row.src})
MATCH (b:__DST__ {id: row.dst})
MERGE (b)<-[e:__REL__]-(a)
ON CREATE SET e.first_seen = $now
SET e += row.props,
    e.last_seen = $now,
    e.valid_to = null,
    e.source = $source,
    e.scope = $scope
RETURN collect(row.i) AS written
