// Findings of one domain (or all): open ones, and those resolved since $since; one record.
MATCH (f:GovFinding)
WHERE ($domain IS NULL OR f.domain = $domain)
  AND (f.resolved_at IS NULL OR f.resolved_at >= $since)
RETURN collect(f {.*}) AS rows
