// The open subscriptions of products.
UNWIND $ids AS pid
MATCH (c:Consumer)-[s:SUBSCRIBES]->(p:DataProduct {id: pid})
WHERE s.valid_to IS NULL
RETURN pid AS product, c.name AS consumer, s.since AS since, s.request AS request,
       s.port AS port
