// Every current __LABEL__ id (the whole mesh when no product or domain is given).
MATCH (n:__LABEL__)
WHERE n.valid_to IS NULL
RETURN n.id AS id
ORDER BY id
