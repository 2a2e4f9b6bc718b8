// A data product (open or not) with its domain, open owners and the domain's open stewards:
// who may decide on requests.
MATCH (p:DataProduct {id: $id})
OPTIONAL MATCH (dom:Domain)-[h:HAS_PRODUCT]->(p)
WHERE h.valid_to IS NULL
OPTIONAL MATCH (p)-[ob:OWNED_BY]->(o:Owner)
WHERE ob.valid_to IS NULL
WITH p, dom, collect(DISTINCT o.name) AS owners
OPTIONAL MATCH (dom)-[sb:OWNED_BY]->(s:Owner)
WHERE sb.valid_to IS NULL AND sb.role = 'steward'
RETURN p {.*} AS product, dom.id AS domain, owners, collect(DISTINCT s.name) AS stewards
