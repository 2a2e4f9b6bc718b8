// One lineage hop against __REL__ into every frontier node at its end, fan-out capped per
// node ($limit; nearest by id first). Window $t1/$t2 as in lineage_hop_out.
UNWIND $frontier AS fid
CALL {
  WITH fid
  MATCH (a)-[e:__REL__]->(b:__DST__ {id: fid})
  WHERE (($t1 IS NULL AND e.valid_to IS NULL)
         OR ($t1 IS NOT NULL AND e.first_seen <= $t2 AND (e.valid_to IS NULL OR e.valid_to > $t1)))
    AND (($t1 IS NULL AND a.valid_to IS NULL)
         OR ($t1 IS NOT NULL AND a.first_seen <= $t2 AND (a.valid_to IS NULL OR a.valid_to > $t1)))
  RETURN e, a
  ORDER BY a.id
  LIMIT $limit
}
RETURN fid AS key, a.id AS id, e {.*} AS edge
