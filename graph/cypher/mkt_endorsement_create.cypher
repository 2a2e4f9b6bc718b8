MATCH (p:DataProduct {id: $product})
CREATE (e:Endorsement {id: $id, product: $product, kind: $kind, note: $note, by: $by,
                       at: $now, expires_at: $expires_at})
CREATE (e)-[:ENDORSES]->(p)
RETURN e {.*} AS endorsement
