"""Role checks for GraphQL fields: every mutation declares the role it needs."""

from __future__ import annotations

import logging
from typing import Any

import strawberry
from strawberry.permission import BasePermission

from catalog.auth import Role

log = logging.getLogger("catalog.auth")


def has_role(needed: Role) -> type[BasePermission]:
    class HasRole(BasePermission):
        message = f"needs a token with role {needed}"
        error_extensions = {"code": "FORBIDDEN"}

        def has_permission(self, source: Any, info: strawberry.Info, **kwargs: Any) -> bool:
            principal = info.context.principal
            if principal.allows(needed):
                return True
            self.error_extensions = {"code": "FORBIDDEN" if principal.authenticated
                                     else "UNAUTHENTICATED"}
            log.warning("denied GraphQL %s (%s): needs %s", info.field_name, principal.name,
                        needed)
            return False

    HasRole.__name__ = f"Has{needed.value.title()}Role"
    return HasRole


IsSteward = has_role(Role.STEWARD)
IsIngest = has_role(Role.INGEST)
IsAdmin = has_role(Role.ADMIN)
