// Open findings (not resolved), what an evaluation compares its results with:
// [id, message, severity] in one record.
MATCH (f:GovFinding)
WHERE f.resolved_at IS NULL
RETURN collect([f.id, f.message, f.severity]) AS rows
