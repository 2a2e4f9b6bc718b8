// Every current rating's stars (all products: the marketplace sorts by them).
MATCH (r:Rating)
WHERE r.valid_to IS NULL
RETURN r.product AS product, r.stars AS stars
