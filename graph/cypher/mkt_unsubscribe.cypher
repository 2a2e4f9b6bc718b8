// Ending a subscription closes its edge (never deleted).
MATCH (c:Consumer)-[s:SUBSCRIBES]->(p:DataProduct {id: $product})
WHERE s.request = $request AND s.valid_to IS NULL
SET s.valid_to = $now, s.closed_by = $by
RETURN count(s) AS closed
