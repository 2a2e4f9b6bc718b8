// A steward's decision on open classification edges: status, who and when (source kept).
UNWIND $rows AS row
MATCH (a:__SRC__ {id: row.src})-[e:__REL__]->(k:__DST__ {id: row.dst})
WHERE e.valid_to IS NULL
SET e.status = row.status,
    e.decided_by = row.by,
    e.decided_at = $now,
    e.last_seen = $now
RETURN collect(row.i) AS done
