"""MCP for AI assistants: `/mcp` (Streamable HTTP) in the app, `catalog mcp` over stdio.

A thin layer over the services (search, browse, lineage, governance, stewardship): the
same answers as the API, sized for a model's context (catalog/api/mcp/answer.py), behind
the same auth (the app's middleware runs before `/mcp`; writes need a steward token)."""

from __future__ import annotations

from fastapi import FastAPI

from catalog.api.mcp.access import CatalogAccess
from catalog.api.mcp.server import build_server

__all__ = ["CatalogAccess", "build_server", "setup"]


def setup(app: FastAPI) -> None:
    """Route `/mcp` to the SDK's Streamable HTTP handler; its session manager runs inside
    the app's lifespan (app.state.lifespans), once the store is open."""
    settings = app.state.settings
    if not settings.mcp_enabled:
        return

    def search():
        runtime = getattr(app.state, "runtime", None)
        return runtime.search_service if runtime is not None else None

    access = CatalogAccess(store=lambda: app.state.store, settings=settings, search=search)
    server = build_server(access)
    sub = server.streamable_http_app(streamable_http_path="/mcp", host=settings.host)
    app.router.routes.extend(sub.routes)
    app.state.lifespans.append(server.session_manager.run)
