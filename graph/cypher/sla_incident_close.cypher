UNWIND $ids AS id
MATCH (i:Incident {id: id})
WHERE i.status = 'open'
SET i.status = 'closed', i.closed_at = $now
RETURN i {.*} AS incident
