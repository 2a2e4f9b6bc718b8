// Open findings (not resolved): what an evaluation compares its results with.
MATCH (f:GovFinding)
WHERE f.resolved_at IS NULL
RETURN f.id AS id, f.message AS message, f.severity AS severity, f.domain AS domain
