// Classifications __SRC__ nodes carry, as one row of maps: accepted ones and propagated
// ones; suggested and rejected ones do not count.
UNWIND $ids AS xid
MATCH (x:__SRC__ {id: xid})-[k:CLASSIFIED_AS]->(c:Classification)
WHERE k.valid_to IS NULL
  AND (k.status = 'accepted' OR k.status = 'propagated'
       OR (k.source = 'propagated' AND (k.status IS NULL OR k.status <> 'rejected')))
RETURN collect({id: xid, classification: c.id, name: c.name}) AS rows
