// Ending a subscription closes its edge (never deleted).
MATCH (p:DataProduct {id: $product})<-[s:SUBSCRIBES]-(c:Consumer)
WHERE s.request = $request AND s.valid_to IS NULL
SET s.valid_to = $now, s.closed_by = $by
RETURN count(s) AS closed
