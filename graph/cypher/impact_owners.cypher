// Current owners of __SRC__ nodes, as one row of maps.
UNWIND $ids AS xid
MATCH (x:__SRC__ {id: xid})-[o:OWNED_BY]->(w:Owner)
WHERE o.valid_to IS NULL AND w.valid_to IS NULL
RETURN collect({id: xid, owner: w.id, name: w.name, role: o.role}) AS rows
