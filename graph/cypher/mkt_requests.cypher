// Access requests, newest first, filtered by products, status and requester (null: any).
MATCH (r:AccessRequest)
WHERE ($products IS NULL OR r.product IN $products)
  AND ($status IS NULL OR r.status = $status)
  AND ($by IS NULL OR r.requested_by = $by OR r.consumer = $by)
RETURN r {.*} AS request
ORDER BY r.requested_at DESC, r.id
LIMIT $limit
