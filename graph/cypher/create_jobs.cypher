// New jobs (none of the ids exists yet) with their properties given at creation (see
// create_dataset_columns). The property list is fixed; graph.bulk MERGEs other rows.
UNWIND $rows AS row
CREATE (n:Job {
    id: row.id, namespace: row.props.namespace, name: row.props.name, type: row.props.type,
    sql: row.props.sql, description: row.props.description,
    first_seen: $now, last_seen: $now, source: $source, scope: $scope})
RETURN count(n) AS written
