// One webhook per team; setting it again replaces the URL and the secret (sealed: the
// plain `secret` of older graphs is removed).
MERGE (w:Webhook {id: $team})
SET w.team = $team, w.url = $url, w.secret_sealed = $sealed, w.secret = null,
    w.updated_by = $by, w.updated_at = $now
RETURN w {.id, .team, .url, .updated_by, .updated_at} AS webhook
