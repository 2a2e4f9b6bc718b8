// Each dataset's name, kind and (current) data products, as one row of lists (one Bolt record
// per dataset, or a map per row, costs ArcadeDB several times more). The products' names and
// domains come from impact_product_context, once per product rather than once per dataset.
// Patterns start at the known node: ArcadeDB plans from the leftmost node.
UNWIND $ids AS did
MATCH (d:Dataset {id: did})
OPTIONAL MATCH (d)<-[c:CONTAINS]-(p:DataProduct)
WHERE c.valid_to IS NULL AND p.valid_to IS NULL
RETURN collect([did, d.name, d.kind, p.id]) AS rows
