// The open nodes a scope (one harvested system) owns, with the fingerprint of what the
// last harvest wrote: a harvest skips rewriting what did not change.
MATCH (n:__LABEL__)
WHERE n.scope = $scope AND n.valid_to IS NULL
RETURN n.id AS id, n.fingerprint AS fp
