// Each data product of impacted datasets, one list per product in one row: its position in
// $ids, name, current owners [id, name, role], and its current domains [id, name, owners]
// (owners: where a dataset without its own falls back to). Once per product, not once per
// dataset: a hub's thousands of datasets sit in far fewer products.
UNWIND range(0, size($ids) - 1) AS i
WITH i, $ids[i] AS pid
MATCH (p:DataProduct {id: pid})
RETURN collect([i, p.name,
  [(p)-[o:OWNED_BY]->(w:Owner) WHERE o.valid_to IS NULL AND w.valid_to IS NULL
   | [w.id, w.name, o.role]],
  [(p)<-[h:HAS_PRODUCT]-(dom:Domain) WHERE h.valid_to IS NULL AND dom.valid_to IS NULL
   | [dom.id, dom.name,
      [(dom)-[do:OWNED_BY]->(dw:Owner) WHERE do.valid_to IS NULL AND dw.valid_to IS NULL
       | [dw.id, dw.name, do.role]]]]]) AS rows
