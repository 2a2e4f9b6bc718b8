// The newest evaluations, newest first.
MATCH (e:GovEvaluation)
RETURN e {.*} AS evaluation
ORDER BY e.at DESC
LIMIT $first
