// The classified columns of each dataset, with the classifications they carry (accepted or
// propagated; suggested and rejected ones do not count).
UNWIND $ids AS did
MATCH (d:Dataset {id: did})-[h:HAS_COLUMN]->(col:Column)-[k:CLASSIFIED_AS]->(c:Classification)
WHERE h.valid_to IS NULL AND k.valid_to IS NULL
  AND (k.status = 'accepted' OR k.status = 'propagated'
       OR (k.source = 'propagated' AND (k.status IS NULL OR k.status <> 'rejected')))
RETURN did AS dataset, col.id AS id, c.id AS classification, c.name AS name
ORDER BY dataset, id, classification
