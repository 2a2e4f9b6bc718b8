// The products each frontier product's datasets feed, with the fed datasets' ids only (a
// notification's audience: lighter than mesh_hop_down, which carries the edges).
UNWIND $frontier AS pid
MATCH (p:DataProduct {id: pid})-[c1:CONTAINS]->(a:Dataset)-[e:FEEDS]->(b:Dataset)
      <-[c2:CONTAINS]-(q:DataProduct)
WHERE q.id <> pid AND c1.valid_to IS NULL AND c2.valid_to IS NULL AND e.valid_to IS NULL
RETURN pid AS key, q.id AS id, collect(DISTINCT b.id) AS datasets
