// One lineage hop against __REL__ into every frontier node at its end; cap and window as in
// lineage_hop_out. The pattern starts at the frontier node because ArcadeDB plans from the
// leftmost node (starting at `a` scans every node).
UNWIND $frontier AS fid
CALL {
  WITH fid
  MATCH (b:__DST__ {id: fid})<-[e:__REL__]-(a)
  WHERE (($t1 IS NULL AND e.valid_to IS NULL)
         OR ($t1 IS NOT NULL AND e.first_seen <= $t2 AND (e.valid_to IS NULL OR e.valid_to > $t1)))
    AND (($t1 IS NULL AND a.valid_to IS NULL)
         OR ($t1 IS NOT NULL AND a.first_seen <= $t2 AND (a.valid_to IS NULL OR a.valid_to > $t1)))
  RETURN e, a
  LIMIT $limit
}
RETURN fid AS key, a.id AS id, e {.*} AS edge
