// The open subscriptions of products.
UNWIND $ids AS pid
MATCH (p:DataProduct {id: pid})<-[s:SUBSCRIBES]-(c:Consumer)
WHERE s.valid_to IS NULL
RETURN pid AS product, c.name AS consumer, s.since AS since, s.request AS request,
       s.port AS port
