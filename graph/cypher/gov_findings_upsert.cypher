// Findings of an evaluation: new ones open now, a resolved one that fails again reopens
// (first_seen restarts), open ones keep their first_seen and take the latest message.
UNWIND $rows AS r
MERGE (f:GovFinding {id: r.id})
ON CREATE SET f.first_seen = $now
SET f.first_seen = CASE WHEN f.resolved_at IS NULL THEN f.first_seen ELSE $now END,
    f.resolved_at = null, f.last_seen = $now, f.policy = r.policy, f.layer = r.layer,
    f.policy_domain = r.policy_domain, f.domain = r.domain, f.severity = r.severity,
    f.subject_id = r.subject_id, f.subject_kind = r.subject_kind, f.message = r.message,
    f.check = r.check, f.remedy = r.remedy
RETURN count(f) AS written
