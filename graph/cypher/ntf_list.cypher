MATCH (n:Notification)
WHERE $teams IS NULL OR n.team IN $teams
RETURN n {.*} AS notification
ORDER BY n.created_at DESC, n.id
LIMIT $limit
