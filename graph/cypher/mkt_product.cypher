// A data product (open or not) with its domain and open owners: who may decide on requests.
MATCH (p:DataProduct {id: $id})
OPTIONAL MATCH (dom:Domain)-[h:HAS_PRODUCT]->(p)
WHERE h.valid_to IS NULL
OPTIONAL MATCH (p)-[ob:OWNED_BY]->(o:Owner)
WHERE ob.valid_to IS NULL
RETURN p {.*} AS product, dom.id AS domain, collect(DISTINCT o.name) AS owners
