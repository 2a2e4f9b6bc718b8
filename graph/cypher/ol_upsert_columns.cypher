// Columns of a schema with their HAS_COLUMN edge in one pass (one lookup of the dataset,
// one MERGE of the column and of the edge per row).
UNWIND $rows AS row
MATCH (d:Dataset {id: row.dataset})
MERGE (c:Column {id: row.id})
ON CREATE SET c.first_seen = $now
SET c += row.props,
    c.last_seen = $now,
    c.valid_to = null,
    c.source = $source,
    c.scope = $scope
MERGE (d)-[e:HAS_COLUMN]->(c)
ON CREATE SET e.first_seen = $now
SET e.last_seen = $now,
    e.valid_to = null,
    e.source = $source,
    e.scope = $scope
RETURN count(c) AS written
