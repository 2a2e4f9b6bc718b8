// lineage_hop_out without the edges' properties: only the neighbours' ids (impact analysis).
UNWIND $frontier AS fid
MATCH (a:__SRC__ {id: fid})-[e:__REL__]->(n)
WHERE (($t1 IS NULL AND e.valid_to IS NULL)
       OR ($t1 IS NOT NULL AND e.first_seen <= $t2 AND (e.valid_to IS NULL OR e.valid_to > $t1)))
  AND (($t1 IS NULL AND n.valid_to IS NULL)
       OR ($t1 IS NOT NULL AND n.first_seen <= $t2 AND (n.valid_to IS NULL OR n.valid_to > $t1)))
WITH fid, collect(n.id) AS ids
RETURN fid AS key, ids[0..$limit] AS ids, size(ids) AS found
