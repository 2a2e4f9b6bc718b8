// A deliverer claims due notifications before sending them, so two servers on one graph
// never send the same attempt twice; a claim lapses after `until` (a deliverer that died).
// The first WHERE skips what is plainly not due; the write that follows takes the node's
// lock (Neo4j reads before it locks), and the second WHERE decides on what the lock sees:
// a deliverer that waited on it finds the notification claimed and leaves it.
UNWIND $ids AS id
MATCH (n:Notification {id: id})
WHERE n.status = 'pending' AND n.next_at <= $now
  AND (n.claimed_until IS NULL OR n.claimed_until < $now)
SET n.claim_lock_ = true
REMOVE n.claim_lock_
WITH n
WHERE n.status = 'pending' AND n.next_at <= $now
  AND (n.claimed_until IS NULL OR n.claimed_until < $now)
SET n.claimed_until = $until, n.claimed_by = $by
RETURN n {.*} AS notification
