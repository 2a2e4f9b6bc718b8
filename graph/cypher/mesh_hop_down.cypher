// Table lineage leaving each frontier data product for another product: the product a
// dataset of it feeds, with the dataset edges that justify the dependency.
UNWIND $frontier AS pid
MATCH (p:DataProduct {id: pid})-[c1:CONTAINS]->(a:Dataset)-[e:FEEDS]->(b:Dataset)
      <-[c2:CONTAINS]-(q:DataProduct)
WHERE q.id <> pid AND c1.valid_to IS NULL AND c2.valid_to IS NULL
  AND (($t1 IS NULL AND e.valid_to IS NULL)
       OR ($t1 IS NOT NULL AND e.first_seen <= $t2 AND (e.valid_to IS NULL OR e.valid_to > $t1)))
WITH pid, q.id AS other, collect(e {.*, mesh_up_: a.id, mesh_down_: b.id}) AS edges
RETURN pid AS key, other AS id, edges
