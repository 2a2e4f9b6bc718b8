MATCH (e:Endorsement {product: $product, kind: $kind})
WHERE e.valid_to IS NULL
SET e.valid_to = $now, e.closed_by = $by
RETURN count(e) AS closed
