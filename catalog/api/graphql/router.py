"""The /graphql router: schema plus a context getter that builds per-request loaders.

In a browser, GET /graphql shows GraphiQL with the explorer plugin from the web UI's own
assets (`web/graphiql.html`, built into `catalog/web/static`), not strawberry's page, which
loads React and GraphiQL from unpkg.com and so never starts without the internet.
"""

from __future__ import annotations

from fastapi import Depends, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from strawberry.fastapi import GraphQLRouter

from catalog.api.deps import get_runtime, get_settings, get_store
from catalog.api.graphql.context import Context
from catalog.api.graphql.schema import build_schema
from catalog.auth import ANONYMOUS
from catalog.browse import BrowseService
from catalog.runtime import Runtime
from catalog.settings import Settings
from catalog.web import STATIC
from graph import GraphStore

GRAPHIQL_PAGE = STATIC / "graphiql.html"


def is_graphiql_request(request: Request) -> bool:
    """A browser asking for the IDE page: GET without a query, accepting HTML (strawberry's
    own test). It runs nothing, so it may load without a token; the page's queries need one."""
    return (request.method == "GET" and request.url.path.rstrip("/") == "/graphql"
            and "query" not in request.query_params
            and any(t in request.headers.get("accept", "") for t in ("text/html", "*/*")))


class CatalogGraphQLRouter(GraphQLRouter):
    """Strawberry's router with our offline GraphiQL page in place of its CDN one."""

    async def render_graphql_ide(self, request: Request) -> Response:  # type: ignore[override]
        if not GRAPHIQL_PAGE.is_file():
            return JSONResponse(status_code=503, content={
                "error": "UI_NOT_BUILT",
                "message": "the GraphiQL assets are missing: run `make web`"})
        # the page names the hashed bundles: never cache it, so a new build is picked up
        return FileResponse(GRAPHIQL_PAGE, media_type="text/html",
                            headers={"Cache-Control": "no-cache"})


def graphql_router(settings: Settings) -> GraphQLRouter:
    async def context(request: Request, store: GraphStore = Depends(get_store),
                      app_settings: Settings = Depends(get_settings),
                      runtime: Runtime = Depends(get_runtime)) -> Context:
        return Context(store=store, settings=app_settings, browse=BrowseService(store),
                       runtime=runtime,
                       principal=getattr(request.state, "principal", ANONYMOUS))

    return CatalogGraphQLRouter(build_schema(settings), context_getter=context,
                                graphql_ide="graphiql" if settings.graphiql else None)
