// Close named edges (a tag removed, a classification whose evidence is gone): kept, with
// valid_to and who closed them.
UNWIND $rows AS row
MATCH (a:__SRC__ {id: row.src})-[e:__REL__]->(b:__DST__ {id: row.dst})
WHERE e.valid_to IS NULL
SET e.valid_to = $now,
    e.closed_by = row.by,
    e.closed_reason = row.reason
RETURN collect(row.i) AS closed
