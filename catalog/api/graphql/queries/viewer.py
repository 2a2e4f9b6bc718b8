"""`viewer`: who the caller's token says they are, so a UI can show what they may do."""

from __future__ import annotations

import strawberry

from catalog.api.graphql.context import Context
from catalog.auth import Role


@strawberry.type(description="The caller, as their token identifies them (anonymous: none).")
class Viewer:
    authenticated: bool
    name: str
    role: str | None
    can_steward: bool = strawberry.field(
        description="May accept or reject classifications, edit tags, owners, descriptions.")
    can_ingest: bool


@strawberry.type
class ViewerQueries:
    @strawberry.field(description="The caller: token name and role (never the token).")
    def viewer(self, info: strawberry.Info[Context, None]) -> Viewer:
        p = info.context.principal
        return Viewer(authenticated=p.authenticated, name=p.name,
                      role=p.role.value if p.role else None,
                      can_steward=p.allows(Role.STEWARD), can_ingest=p.allows(Role.INGEST))
