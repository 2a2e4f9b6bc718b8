"""The /graphql router: schema plus a context getter that builds per-request loaders."""

from __future__ import annotations

from fastapi import Depends, Request
from strawberry.fastapi import GraphQLRouter

from catalog.api.deps import get_runtime, get_settings, get_store
from catalog.api.graphql.context import Context
from catalog.api.graphql.schema import build_schema
from catalog.auth import ANONYMOUS
from catalog.browse import BrowseService
from catalog.runtime import Runtime
from catalog.settings import Settings
from graph import GraphStore


def graphql_router(settings: Settings) -> GraphQLRouter:
    async def context(request: Request, store: GraphStore = Depends(get_store),
                      app_settings: Settings = Depends(get_settings),
                      runtime: Runtime = Depends(get_runtime)) -> Context:
        return Context(store=store, settings=app_settings, browse=BrowseService(store),
                       runtime=runtime,
                       principal=getattr(request.state, "principal", ANONYMOUS))

    return GraphQLRouter(build_schema(settings), context_getter=context,
                         graphql_ide="graphiql" if settings.graphiql else None)
