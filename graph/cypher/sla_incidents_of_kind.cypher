// Incidents of one kind of products, open and closed: a cause that returns counts its
// earlier occurrences to name its next one.
UNWIND $ids AS pid
MATCH (i:Incident {product: pid})
WHERE i.kind = $kind
RETURN i.id AS id, i.product AS product, i.cause AS cause, i.status AS status
