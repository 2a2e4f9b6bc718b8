// The audit log is append-only: this CREATE is the only statement that writes it.
CREATE (a:AuditEntry {id: $id, at: $at, actor: $actor, role: $role, action: $action,
                      target: $target, before: $before, after: $after, detail: $detail})
RETURN a.id AS id
