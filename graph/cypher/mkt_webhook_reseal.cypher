// Store secrets sealed anew, each only if unchanged since it was read (a webhook set
// meanwhile keeps its new secret).
UNWIND $rows AS row
MATCH (w:Webhook {id: row.id})
WHERE coalesce(w.secret, '') = coalesce(row.plain, '')
  AND coalesce(w.secret_sealed, '') = coalesce(row.was, '')
SET w.secret_sealed = row.sealed, w.secret = null
RETURN w.id AS id
