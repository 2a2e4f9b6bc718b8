// A consumer's current rating of a product is closed when they rate again (history kept).
MATCH (r:Rating {product: $product, consumer: $consumer})
WHERE r.valid_to IS NULL
SET r.valid_to = $now
RETURN count(r) AS closed
