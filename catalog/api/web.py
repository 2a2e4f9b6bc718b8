"""The web UI: static assets built from `web/` (`make web`), served at `/`.

Only the UI's own routes answer with the single-page app's index.html, so nothing here can
shadow `/graphql`, `/api/...`, `/healthz` or `/readyz`. The assets hold no catalog data (the
pages fetch everything from `/graphql` with the user's token), so they are served without a
token even when reads need one.
"""

from __future__ import annotations

from fastapi import FastAPI, HTTPException
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from catalog.web import STATIC

# Client-side routes of web/src/router.ts: "/" and everything under these prefixes.
UI_PREFIXES = ("search", "datasets", "columns", "products", "domains", "jobs", "lineage",
               "impact", "token", "governance", "audit", "marketplace", "inbox")
ASSETS = "/assets"


def is_ui_path(path: str) -> bool:
    """True for paths the UI answers (its pages and assets): open without a token."""
    if path in ("/", "/favicon.svg") or path.startswith(ASSETS + "/"):
        return True
    first = path.lstrip("/").split("/", 1)[0]
    return first in UI_PREFIXES


def _index() -> FileResponse:
    index = STATIC / "index.html"
    if not index.is_file():
        raise HTTPException(503, detail={"error": "UI_NOT_BUILT", "message":
                                         "the web UI assets are missing: run `make web`"})
    # index.html names the hashed bundles: never cache it, so a new build is picked up
    return FileResponse(index, headers={"Cache-Control": "no-cache"})


def setup(app: FastAPI) -> None:
    app.state.public_path = is_ui_path
    if (STATIC / "assets").is_dir():
        app.mount(ASSETS, StaticFiles(directory=STATIC / "assets"), name="ui-assets")

    @app.get("/", include_in_schema=False)
    async def ui_root() -> FileResponse:
        return _index()

    @app.get("/favicon.svg", include_in_schema=False)
    async def favicon() -> FileResponse:
        return FileResponse(STATIC / "favicon.svg")

    for prefix in UI_PREFIXES:
        app.add_api_route(f"/{prefix}", _page, methods=["GET"], include_in_schema=False)
        app.add_api_route(f"/{prefix}/{{rest:path}}", _page, methods=["GET"],
                          include_in_schema=False)


async def _page() -> FileResponse:
    return _index()
