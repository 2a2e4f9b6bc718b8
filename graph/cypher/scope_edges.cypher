MATCH ()-[e:__REL__]->()
WHERE e.scope = $scope AND e.valid_to IS NULL
RETURN count(e) AS total, sum(CASE WHEN e.last_seen < $before THEN 1 ELSE 0 END) AS stale
