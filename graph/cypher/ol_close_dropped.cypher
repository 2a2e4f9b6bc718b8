// A dataset dropped at or after the latest event that named it stays closed at its DROP
// time, whatever order the events came in.
UNWIND $rows AS row
MATCH (d:Dataset {id: row.id})
WHERE d.dropped_at IS NOT NULL AND d.dropped_at >= row.time
SET d.valid_to = d.dropped_at
RETURN collect(d.id) AS closed
