// Evaluations beyond the newest $keep (the trend keeps a bounded history).
MATCH (e:GovEvaluation)
WITH e ORDER BY e.at DESC
SKIP $keep
DETACH DELETE e
