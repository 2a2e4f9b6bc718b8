// The event keys (time|rank) behind each property of the runs a batch touches.
UNWIND $ids AS wanted
MATCH (r:Run {id: wanted})
RETURN r.id AS id, r.ol_keys AS keys
