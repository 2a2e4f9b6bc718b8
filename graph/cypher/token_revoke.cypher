MATCH (t:ApiToken {id: $id})
SET t.revoked_at = coalesce(t.revoked_at, $now)
RETURN t {.*} AS token
