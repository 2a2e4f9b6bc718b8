// Ids of the open nodes a scope (one harvested system) owns: what a harvest may close.
MATCH (n:__LABEL__)
WHERE n.scope = $scope AND n.valid_to IS NULL
RETURN n.id AS id
