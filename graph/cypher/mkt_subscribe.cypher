// An approved request becomes a subscription: (Consumer)-[:SUBSCRIBES]->(DataProduct).
MATCH (p:DataProduct {id: $product})
MERGE (c:Consumer {id: $consumer})
ON CREATE SET c.name = $name, c.first_seen = $now
CREATE (c)-[:SUBSCRIBES {request: $request, port: $port, since: $now, approved_by: $by}]->(p)
RETURN c.id AS consumer
