// Webhook deliveries due now, but not those another deliverer holds a live claim on: they
// would fill the batch and starve the rest until the claim lapses.
MATCH (n:Notification)
WHERE n.status = 'pending' AND n.next_at <= $now
  AND (n.claimed_until IS NULL OR n.claimed_until < $now)
RETURN n {.*} AS notification
ORDER BY n.next_at
LIMIT $limit
