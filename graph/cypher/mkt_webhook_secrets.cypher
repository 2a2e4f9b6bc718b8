// Every webhook's secret as stored: sealed, or plain (graphs from before sealing).
MATCH (w:Webhook)
RETURN w.id AS id, w.secret AS plain, w.secret_sealed AS sealed
