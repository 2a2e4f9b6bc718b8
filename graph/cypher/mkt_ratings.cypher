// Ratings of products: the current ones, or every one with the history.
UNWIND $ids AS pid
MATCH (r:Rating {product: pid})
WHERE $history OR r.valid_to IS NULL
RETURN r {.*} AS rating
ORDER BY r.at DESC
