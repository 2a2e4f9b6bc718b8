// One MERGE per row; provenance moves last_seen and reopens a closed node.
UNWIND $rows AS row
MERGE (n:__LABEL__ {id: row.id})
ON CREATE SET n.first_seen = $now
SET n += row.props,
    n.last_seen = $now,
    n.valid_to = null,
    n.source = $source,
    n.scope = $scope
RETURN count(n) AS written
