// One lineage hop along __REL__ from every frontier node at its start.
// One row per frontier node with its first $limit neighbours (in the engine's order; the
// service sorts) and how many it has: collected lists cost ArcadeDB far less than one Bolt
// record per edge, and an ORDER BY per node costs it several times the hop.
// $t1/$t2 is the time window: both null = current facts, otherwise facts that existed at
// some moment of [$t1, $t2] (asOf T: $t1 = $t2 = T).
UNWIND $frontier AS fid
MATCH (a:__SRC__ {id: fid})-[e:__REL__]->(n)
WHERE (($t1 IS NULL AND e.valid_to IS NULL)
       OR ($t1 IS NOT NULL AND e.first_seen <= $t2 AND (e.valid_to IS NULL OR e.valid_to > $t1)))
  AND (($t1 IS NULL AND n.valid_to IS NULL)
       OR ($t1 IS NOT NULL AND n.first_seen <= $t2 AND (n.valid_to IS NULL OR n.valid_to > $t1)))
WITH fid, collect(e {.*, lineage_other_: n.id}) AS hits
RETURN fid AS key, hits[0..$limit] AS hits, size(hits) AS found
