// Each data product's name and (current) domain, as one row of lists.
UNWIND $ids AS pid
MATCH (p:DataProduct {id: pid})
OPTIONAL MATCH (p)<-[h:HAS_PRODUCT]-(dom:Domain)
WHERE h.valid_to IS NULL AND dom.valid_to IS NULL
RETURN collect([pid, p.name, dom.id, dom.name]) AS rows
