// Findings no longer failing: resolved now (kept, so a report shows what was fixed).
UNWIND $ids AS fid
MATCH (f:GovFinding {id: fid})
WHERE f.resolved_at IS NULL
SET f.resolved_at = $now
RETURN count(f) AS resolved
