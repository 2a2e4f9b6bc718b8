// Endpoints of the open edges a scope owns.
MATCH (a)-[e:__REL__]->(b)
WHERE e.scope = $scope AND e.valid_to IS NULL
RETURN a.id AS src, b.id AS dst
