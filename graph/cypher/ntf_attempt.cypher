// The outcome of a delivery attempt, with the delivery log.
MATCH (n:Notification {id: $id})
WHERE n.status = 'pending'
SET n.status = $status, n.attempts = $attempts, n.next_at = $next_at,
    n.last_error = $error, n.delivered_at = $delivered_at, n.log = $log,
    n.claimed_until = null
RETURN n.id AS id
