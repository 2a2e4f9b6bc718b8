// A deliverer claims due notifications before sending them, so two servers on one graph
// never send the same attempt twice; a claim lapses after `until` (a deliverer that died).
UNWIND $ids AS id
MATCH (n:Notification {id: id})
WHERE n.status = 'pending' AND n.next_at <= $now
  AND (n.claimed_until IS NULL OR n.claimed_until < $now)
SET n.claimed_until = $until, n.claimed_by = $by
RETURN n {.*} AS notification
