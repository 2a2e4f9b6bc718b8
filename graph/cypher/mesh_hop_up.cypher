// Table lineage entering each frontier data product from another product: the product
// whose dataset feeds one of its datasets, with the dataset edges that justify it.
UNWIND $frontier AS pid
MATCH (p:DataProduct {id: pid})-[c2:CONTAINS]->(b:Dataset)<-[e:FEEDS]-(a:Dataset)
      <-[c1:CONTAINS]-(q:DataProduct)
WHERE q.id <> pid AND c1.valid_to IS NULL AND c2.valid_to IS NULL
  AND (($t1 IS NULL AND e.valid_to IS NULL)
       OR ($t1 IS NOT NULL AND e.first_seen <= $t2 AND (e.valid_to IS NULL OR e.valid_to > $t1)))
WITH pid, q.id AS other, collect(e {.*, mesh_up_: a.id, mesh_down_: b.id}) AS edges
RETURN pid AS key, other AS id, edges
