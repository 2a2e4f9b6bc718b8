// The change record of one write transaction, its last statement: `at` is the engine's
// clock just before the commit, so records sort in commit order across processes.
CREATE (c:Change {id: $id, at: timestamp(), origin: $origin, size: $size, payload: $payload})
RETURN c.at AS at
