// Current owners of __SRC__ nodes.
UNWIND $ids AS xid
MATCH (x:__SRC__ {id: xid})-[o:OWNED_BY]->(w:Owner)
WHERE o.valid_to IS NULL AND w.valid_to IS NULL
RETURN xid AS id, w.id AS owner, w.name AS name, o.role AS role
ORDER BY id, owner
