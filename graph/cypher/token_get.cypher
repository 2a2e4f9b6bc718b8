MATCH (t:ApiToken {id: $id})
RETURN t {.*} AS token
