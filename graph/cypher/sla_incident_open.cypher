// Open incidents; the id is derived from what caused it (and, for a cause that can return,
// its occurrence), so two monitors open it once. `cause`: what it is an occurrence of.
UNWIND $rows AS row
MATCH (p:DataProduct {id: row.product})
MERGE (i:Incident {id: row.id})
ON CREATE SET i.product = row.product, i.kind = row.kind, i.reason = row.reason,
              i.started_at = row.started_at, i.status = 'open', i.opened_at = $now,
              i.cause = row.cause
MERGE (i)-[:AFFECTS]->(p)
RETURN i {.*} AS incident
