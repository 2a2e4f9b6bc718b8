// The classified columns of each dataset with the classifications they carry (accepted or
// propagated; suggested and rejected ones do not count), as one row of maps.
UNWIND $ids AS did
MATCH (d:Dataset {id: did})-[h:HAS_COLUMN]->(col:Column)-[k:CLASSIFIED_AS]->(c:Classification)
WHERE h.valid_to IS NULL AND k.valid_to IS NULL
  AND (k.status = 'accepted' OR k.status = 'propagated'
       OR (k.source = 'propagated' AND (k.status IS NULL OR k.status <> 'rejected')))
RETURN collect({dataset: did, id: col.id, classification: c.id, name: c.name}) AS rows
