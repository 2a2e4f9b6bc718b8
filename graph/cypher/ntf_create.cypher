// Notifications to teams (the UI's list, and the webhook outbox when `status` is pending).
UNWIND $rows AS row
MERGE (n:Notification {id: row.id})
ON CREATE SET n.team = row.team, n.kind = row.kind, n.product = row.product,
              n.payload = row.payload, n.created_at = $now, n.status = row.status,
              n.attempts = 0, n.next_at = $now, n.log = []
RETURN n.id AS id
