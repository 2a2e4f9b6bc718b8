// Open owners of open subjects of one label: [subject, owner id, name, type, role].
MATCH (s:__LABEL__)-[e:OWNED_BY]->(o:Owner)
WHERE e.valid_to IS NULL AND s.valid_to IS NULL
RETURN collect([s.id, o.id, o.name, o.type, e.role]) AS rows
