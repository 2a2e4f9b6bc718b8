MATCH (a)-[e:__REL__]->(b)
WHERE e.scope = $scope AND e.valid_to IS NULL AND e.last_seen < $before
SET e.valid_to = $now
RETURN count(e) AS closed, collect([a.id, b.id]) AS pairs
