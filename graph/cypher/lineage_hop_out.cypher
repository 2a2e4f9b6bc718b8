// One lineage hop along __REL__ from every frontier node at its start, fan-out capped per
// node ($limit; nearest by id first). $t1/$t2 is the time window: both null = current facts,
// otherwise facts that existed at some moment of [$t1, $t2] (asOf T: $t1 = $t2 = T).
UNWIND $frontier AS fid
CALL {
  WITH fid
  MATCH (a:__SRC__ {id: fid})-[e:__REL__]->(b)
  WHERE (($t1 IS NULL AND e.valid_to IS NULL)
         OR ($t1 IS NOT NULL AND e.first_seen <= $t2 AND (e.valid_to IS NULL OR e.valid_to > $t1)))
    AND (($t1 IS NULL AND b.valid_to IS NULL)
         OR ($t1 IS NOT NULL AND b.first_seen <= $t2 AND (b.valid_to IS NULL OR b.valid_to > $t1)))
  RETURN e, b
  ORDER BY b.id
  LIMIT $limit
}
RETURN fid AS key, b.id AS id, e {.*} AS edge
