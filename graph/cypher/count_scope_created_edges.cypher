MATCH ()-[e:__REL__]->()
WHERE e.scope = $scope AND e.first_seen >= $since
RETURN count(e) AS n
