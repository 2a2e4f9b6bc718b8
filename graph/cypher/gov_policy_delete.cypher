// A domain policy removed (the audit log keeps what it was).
MATCH (p:GovPolicy {id: $id})
DELETE p
RETURN count(*) AS deleted
