// Findings of one domain (or all): open ones, and those resolved since $since.
MATCH (f:GovFinding)
WHERE ($domain IS NULL OR f.domain = $domain)
  AND (f.resolved_at IS NULL OR f.resolved_at >= $since)
RETURN f {.*} AS finding
ORDER BY f.policy, f.subject_id, f.check
