MATCH (w:Webhook)
WHERE w.id IN $teams
RETURN w {.*} AS webhook
