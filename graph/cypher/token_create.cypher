// API tokens live in the graph so every replica and CLI shares them (catalog/auth/tokens.py).
MERGE (t:ApiToken {id: $id})
ON CREATE SET t.name = $name, t.role = $role, t.hash = $hash, t.created_at = $created_at
RETURN t {.*} AS token
