// A new access request, linked to the product it asks for.
MATCH (p:DataProduct {id: $product})
CREATE (r:AccessRequest {id: $id, product: $product, port: $port, consumer: $consumer,
                         team: $team, purpose: $purpose, status: $status,
                         requested_by: $by, requested_at: $now, history: $history})
CREATE (r)-[:REQUESTS {since: $now}]->(p)
RETURN r {.*} AS request
