// Open nodes of a scope, and how many of them were not seen since $before.
MATCH (n:__LABEL__)
WHERE n.scope = $scope AND n.valid_to IS NULL
RETURN count(n) AS total, sum(CASE WHEN n.last_seen < $before THEN 1 ELSE 0 END) AS stale
