// Each dataset with its (current) data product and that product's domain, as one row of
// maps (one Bolt record per dataset costs ArcadeDB several times more). Patterns start at
// the known node: ArcadeDB plans from the leftmost node.
UNWIND $ids AS did
MATCH (d:Dataset {id: did})
OPTIONAL MATCH (d)<-[c:CONTAINS]-(p:DataProduct)
WHERE c.valid_to IS NULL AND p.valid_to IS NULL
OPTIONAL MATCH (p)<-[h:HAS_PRODUCT]-(dom:Domain)
WHERE h.valid_to IS NULL AND dom.valid_to IS NULL
RETURN collect({id: did, name: d.name, kind: d.kind, product: p.id, product_name: p.name,
                domain: dom.id, domain_name: dom.name}) AS rows
