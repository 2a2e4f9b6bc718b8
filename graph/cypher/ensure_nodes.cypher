// Create nodes that do not exist yet (a name known only by reference); existing ones,
// and their provenance, are left as they are. Returns the ids created.
UNWIND $rows AS row
MERGE (n:__LABEL__ {id: row.id})
ON CREATE SET n += row.props,
              n.first_seen = $now,
              n.last_seen = $now,
              n.source = $source,
              n.scope = $scope
RETURN collect(CASE WHEN n.first_seen = $now THEN n.id END) AS created
