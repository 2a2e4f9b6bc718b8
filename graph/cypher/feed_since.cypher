// Change records at or after $since (ms), oldest first; payloads are read apart.
MATCH (c:Change)
WHERE c.at >= $since
RETURN c.id AS id, c.at AS at, c.origin AS origin
ORDER BY c.at, c.id
LIMIT $limit
