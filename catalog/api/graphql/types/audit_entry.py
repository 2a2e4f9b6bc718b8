"""An entry of the audit log."""

from __future__ import annotations

import strawberry
from strawberry.scalars import JSON


@strawberry.type(description="One recorded mutation: who, when, what, before and after.")
class AuditEntry:
    id: strawberry.ID
    at: str
    actor: str = strawberry.field(description="The token's name (cli:<user> on the command "
                                              "line).")
    role: str | None
    action: str = strawberry.field(description="The mutation, e.g. setOwners, revokeToken.")
    target: str | None
    before: JSON | None
    after: JSON | None
    detail: JSON | None

    @classmethod
    def of(cls, row: dict) -> AuditEntry:
        return cls(id=strawberry.ID(row["id"]), at=row["at"], actor=row["actor"],
                   role=row.get("role"), action=row["action"], target=row.get("target"),
                   before=row.get("before"), after=row.get("after"),
                   detail=row.get("detail"))
