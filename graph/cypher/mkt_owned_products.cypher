// Open products an owner (team or user, by name) owns: the requests in their inbox.
MATCH (p:DataProduct)-[e:OWNED_BY]->(o:Owner)
WHERE e.valid_to IS NULL AND p.valid_to IS NULL AND o.name IN $names
RETURN DISTINCT p.id AS id
