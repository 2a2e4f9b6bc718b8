// Evaluations older than $before (the trend keeps a bounded history).
MATCH (e:GovEvaluation)
WHERE e.at < $before
DETACH DELETE e
