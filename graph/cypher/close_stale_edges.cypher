MATCH ()-[e:__REL__]->()
WHERE e.scope = $scope AND e.valid_to IS NULL AND e.last_seen < $before
SET e.valid_to = $now
RETURN count(e) AS closed
