// Mark a scope's open edges as seen now, except the stale ones ($stale holds src+$sep+dst).
MATCH (a)-[e:__REL__]->(b)
WHERE e.scope = $scope AND e.valid_to IS NULL AND NOT (a.id + $sep + b.id) IN $stale
SET e.last_seen = $now
RETURN count(e) AS touched
