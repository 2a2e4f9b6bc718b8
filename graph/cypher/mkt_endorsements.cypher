UNWIND $ids AS pid
MATCH (e:Endorsement {product: pid})
WHERE e.valid_to IS NULL
RETURN e {.*} AS endorsement
