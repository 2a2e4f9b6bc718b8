// Every current endorsement of a kind (all products: the marketplace filters by them).
MATCH (e:Endorsement)
WHERE e.valid_to IS NULL AND e.kind = $kind
RETURN e {.*} AS endorsement
