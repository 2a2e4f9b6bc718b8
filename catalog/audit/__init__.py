"""The audit log: who changed what, when, from what to what. Append-only, in the graph.

Every mutation records itself in its own transaction, so an entry exists exactly when the
change commits. One line per mutation:

    audit.record(tx, actor, "revokeToken", token_id, before=old, after=new)

or, for changes to catalog subjects (owners, tags, classifications, descriptions), a
block that reads the subjects' state before and after by itself:

    with audit.subjects(tx, actor, "setOwners", [i.subject for i in items], detail=...):
        ...  # the writes

Work that commits in several transactions (a classification run) records once it is done,
with `audit.record_now(store, actor, action, target, after=summary)`.

`actor` is an `Actor` (name and role: the API token's, or `cli:<user>` with role `local`
for the command line) or a plain name. Reading the log is `AuditService.entries`, which the
API offers to admins only.
"""

from catalog.audit.log import Actor, AuditService, record, record_now, subjects

__all__ = ["Actor", "AuditService", "record", "record_now", "subjects"]
