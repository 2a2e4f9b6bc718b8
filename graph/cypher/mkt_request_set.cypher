// A decision on a request (or its end): the new status, who, when, why, and the history.
MATCH (r:AccessRequest {id: $id})
SET r.status = $status, r.history = $history,
    r.decided_by = coalesce($decided_by, r.decided_by),
    r.decided_at = coalesce($decided_at, r.decided_at),
    r.reason = coalesce($reason, r.reason),
    r.ended_by = coalesce($ended_by, r.ended_by),
    r.ended_at = coalesce($ended_at, r.ended_at)
RETURN r {.*} AS request
