// Incidents of products, newest first (open and closed).
UNWIND $ids AS pid
MATCH (i:Incident {product: pid})
RETURN i {.*} AS incident
ORDER BY i.started_at DESC
LIMIT $limit
