MATCH (t:ApiToken)
RETURN t {.*} AS token
ORDER BY t.created_at, t.id
