// The open edges a scope owns, by endpoints, with their fingerprints.
MATCH (a)-[e:__REL__]->(b)
WHERE e.scope = $scope AND e.valid_to IS NULL
RETURN a.id AS src, b.id AS dst, e.fingerprint AS fp
