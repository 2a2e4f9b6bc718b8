// The open owners of a subject in one role.
MATCH (a:__SRC__ {id: $id})-[e:__REL__]->(o:__DST__)
WHERE e.valid_to IS NULL AND coalesce(e.role, 'owner') = $role
RETURN o.id AS owner
