// Columns of each dataset and their HAS_COLUMN edges in one pass: one dataset lookup per
// dataset instead of two id lookups per column; the edge MERGE anchors at the column (see
// upsert_edges_from_end). Rows of missing datasets are not written.
UNWIND $rows AS row
MATCH (d:Dataset {id: row.dataset})
UNWIND row.columns AS col
MERGE (c:Column {id: col.id})
ON CREATE SET c.first_seen = $now
SET c += col.props,
    c.last_seen = $now,
    c.valid_to = null,
    c.source = $source,
    c.scope = $scope
MERGE (c)<-[e:HAS_COLUMN]-(d)
ON CREATE SET e.first_seen = $now
SET e.last_seen = $now,
    e.valid_to = null,
    e.source = $source,
    e.scope = $scope
RETURN count(c) AS written, collect(DISTINCT row.dataset) AS datasets
