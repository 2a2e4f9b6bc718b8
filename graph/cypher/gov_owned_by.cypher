// Open owners of open subjects of one label, with the role they hold.
MATCH (s:__LABEL__)-[e:OWNED_BY]->(o:Owner)
WHERE e.valid_to IS NULL AND s.valid_to IS NULL
RETURN s.id AS subject, o.id AS id, o.name AS name, o.type AS type, e.role AS role
