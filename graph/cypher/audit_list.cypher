// Audit entries, newest first (ids start with their time), optionally of one actor,
// action or target, older than the cursor $before (an entry id).
MATCH (a:AuditEntry)
WHERE ($actor IS NULL OR a.actor = $actor) AND ($action IS NULL OR a.action = $action)
  AND ($target IS NULL OR a.target = $target) AND ($before IS NULL OR a.id < $before)
RETURN a {.*} AS entry
ORDER BY a.id DESC
LIMIT $first
