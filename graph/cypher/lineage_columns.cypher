// The columns of each dataset (column-level lineage starts from all of them).
UNWIND $ids AS did
MATCH (d:Dataset {id: did})-[h:HAS_COLUMN]->(c:Column)
WHERE (($t1 IS NULL AND h.valid_to IS NULL)
       OR ($t1 IS NOT NULL AND h.first_seen <= $t2 AND (h.valid_to IS NULL OR h.valid_to > $t1)))
  AND (($t1 IS NULL AND c.valid_to IS NULL)
       OR ($t1 IS NOT NULL AND c.first_seen <= $t2 AND (c.valid_to IS NULL OR c.valid_to > $t1)))
RETURN did AS key, c.id AS id
ORDER BY key, id
