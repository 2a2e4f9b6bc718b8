// Open incidents (of some products, or all).
MATCH (i:Incident)
WHERE i.status = 'open' AND ($ids IS NULL OR i.product IN $ids)
RETURN i {.*} AS incident
