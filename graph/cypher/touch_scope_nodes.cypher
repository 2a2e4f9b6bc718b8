// Mark a scope's open nodes as seen now, except those the harvest no longer saw.
MATCH (n:__LABEL__)
WHERE n.scope = $scope AND n.valid_to IS NULL AND NOT n.id IN $stale
SET n.last_seen = $now
RETURN count(n) AS touched
