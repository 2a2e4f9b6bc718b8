// Nodes of a scope created at or after $since (first_seen is set once, on CREATE).
MATCH (n:__LABEL__)
WHERE n.scope = $scope AND n.first_seen >= $since
RETURN count(n) AS n
