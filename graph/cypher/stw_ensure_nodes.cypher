// Create nodes a steward names (a tag, an owner, an info type) unless they exist; existing
// ones keep their properties and provenance. Returns the ids created.
UNWIND $rows AS row
MERGE (n:__LABEL__ {id: row.id})
ON CREATE SET n += row.props,
              n.first_seen = $now,
              n.last_seen = $now,
              n.source = $source,
              n.scope = $scope
RETURN collect(CASE WHEN n.first_seen = $now THEN n.id END) AS created
