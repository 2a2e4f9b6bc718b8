// The owners' names of these open products (who hears about their incidents).
UNWIND $ids AS pid
MATCH (p:DataProduct {id: pid})-[ob:OWNED_BY]->(o:Owner)
WHERE p.valid_to IS NULL AND ob.valid_to IS NULL
RETURN pid AS product, collect(DISTINCT o.name) AS owners
