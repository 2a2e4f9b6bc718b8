// The event keys (time|rank) behind each property of the runs a batch touches.
MATCH (r:Run)
WHERE r.id IN $ids
RETURN r.id AS id, r.ol_keys AS keys
