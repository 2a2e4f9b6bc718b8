// Names of the owners of a domain: its own, and its open products' owners.
MATCH (d:Domain {id: $id})
OPTIONAL MATCH (d)-[e:OWNED_BY]->(o:Owner)
WHERE e.valid_to IS NULL
OPTIONAL MATCH (d)-[h:HAS_PRODUCT]->(p:DataProduct)-[f:OWNED_BY]->(po:Owner)
WHERE h.valid_to IS NULL AND p.valid_to IS NULL AND f.valid_to IS NULL
RETURN collect(DISTINCT o.name) + collect(DISTINCT po.name) AS owners
