// New columns (none of the ids exists yet) with their HAS_COLUMN edges, properties given at
// creation: ArcadeDB then writes each record once, where MERGE + SET writes it twice.
// The property list is fixed; graph.bulk sends other columns through upsert_dataset_columns.
UNWIND $rows AS row
MATCH (d:Dataset {id: row.dataset})
UNWIND row.columns AS col
CREATE (d)-[:HAS_COLUMN {first_seen: $now, last_seen: $now, source: $source,
                          scope: $scope}]->(c:Column {
    id: col.id, name: col.props.name, path: col.props.path, type: col.props.type,
    nullable: col.props.nullable, ordinal: col.props.ordinal,
    description: col.props.description,
    first_seen: $now, last_seen: $now, source: $source, scope: $scope})
RETURN count(c) AS written, collect(DISTINCT row.dataset) AS datasets
