"""auditLog: every recorded mutation, newest first; admins only."""

from __future__ import annotations

import asyncio

import strawberry

from catalog.api.graphql.arguments import argument_paths
from catalog.api.graphql.context import Context
from catalog.api.graphql.permissions import IsAdmin
from catalog.api.graphql.types.audit_entry import AuditEntry
from catalog.audit import AuditService


@strawberry.type
class AuditQueries:
    @strawberry.field(permission_classes=[IsAdmin],
                      description="The audit log, newest first (admins only). `before` is "
                                  "the id of the last entry of the previous page.")
    async def audit_log(self, info: strawberry.Info[Context, None], first: int = 100,
                        before: strawberry.ID | None = None, actor: str | None = None,
                        action: str | None = None, target: str | None = None
                        ) -> list[AuditEntry]:
        svc = AuditService(info.context.store)
        with argument_paths():
            rows = await asyncio.to_thread(svc.entries, first, actor=actor, action=action,
                                           target=target,
                                           before=str(before) if before else None)
        return [AuditEntry.of(r) for r in rows]
