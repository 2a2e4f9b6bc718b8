// Webhook deliveries due now.
MATCH (n:Notification)
WHERE n.status = 'pending' AND n.next_at <= $now
RETURN n {.*} AS notification
ORDER BY n.next_at
LIMIT $limit
