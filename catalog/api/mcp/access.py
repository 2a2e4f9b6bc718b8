"""What the MCP tools reach: the store, the settings, search, and who is calling.

Over HTTP the caller is the principal the app's auth middleware put on the request (the
same tokens and roles as the API); over stdio it is the token `catalog mcp` was given, or
anonymous (reads only)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mcp.server.mcpserver import Context
from mcp.server.mcpserver.exceptions import ToolError

from catalog.auth import ANONYMOUS, Principal, Role
from catalog.search import SearchService
from catalog.settings import Settings
from graph import GraphStore


@dataclass
class CatalogAccess:
    store: Callable[[], GraphStore]  # the app's, once its lifespan has opened it
    settings: Settings
    search: Callable[[], SearchService | None]
    stdio_principal: Principal | None = None  # set for `catalog mcp`

    def principal(self, ctx: Context | None) -> Principal:
        if self.stdio_principal is not None:
            return self.stdio_principal
        request: Any = None
        if ctx is not None:
            try:
                request = ctx.request_context.request
            except ValueError:  # no request: called outside a transport
                request = None
        state = getattr(request, "state", None)
        return getattr(state, "principal", ANONYMOUS) if state is not None else ANONYMOUS

    def require(self, ctx: Context | None, needed: Role) -> Principal:
        """The caller, when its token allows `needed`; a tool error saying why otherwise."""
        principal = self.principal(ctx)
        if not principal.authenticated:
            raise ToolError(f"FORBIDDEN: a token with role {needed} is needed for this tool "
                            "(send 'Authorization: Bearer <token>')")
        if not principal.allows(needed):
            raise ToolError(f"FORBIDDEN: role {principal.role} may not do this; needs {needed}")
        return principal
