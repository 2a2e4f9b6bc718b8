MATCH (c:Change)
WHERE c.id IN $ids
RETURN c.id AS id, c.at AS at, c.payload AS payload
