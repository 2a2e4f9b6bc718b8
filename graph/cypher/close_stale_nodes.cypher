MATCH (n:__LABEL__)
WHERE n.scope = $scope AND n.valid_to IS NULL AND n.last_seen < $before
SET n.valid_to = $now
RETURN count(n) AS closed, collect(n.id) AS ids
