// Open incidents; the id is derived from what caused it, so two monitors open it once.
UNWIND $rows AS row
MATCH (p:DataProduct {id: row.product})
MERGE (i:Incident {id: row.id})
ON CREATE SET i.product = row.product, i.kind = row.kind, i.reason = row.reason,
              i.started_at = row.started_at, i.status = 'open', i.opened_at = $now
MERGE (i)-[:AFFECTS]->(p)
RETURN i {.*} AS incident
