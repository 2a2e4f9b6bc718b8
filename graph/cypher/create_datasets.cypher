// New datasets (none of the ids exists yet) with their properties given at creation (see
// create_dataset_columns). The property list is fixed; graph.bulk MERGEs other rows.
UNWIND $rows AS row
CREATE (n:Dataset {
    id: row.id, namespace: row.props.namespace, name: row.props.name,
    platform: row.props.platform, kind: row.props.kind, description: row.props.description,
    first_seen: $now, last_seen: $now, source: $source, scope: $scope})
RETURN count(n) AS written
