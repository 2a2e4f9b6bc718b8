"""A time limit on GraphQL requests, answered as a GraphQL error with code TIMEOUT."""

from __future__ import annotations

import asyncio
import logging

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from catalog.settings import Settings

log = logging.getLogger(__name__)


def install_timeout(app: FastAPI, settings: Settings) -> None:
    app.add_middleware(GraphQLTimeout, limit_s=settings.graphql_timeout_s)


class GraphQLTimeout:
    """POST /graphql that has not started answering after `limit_s` gets 504 (plain ASGI:
    no per-request queue as with BaseHTTPMiddleware)."""

    def __init__(self, app: ASGIApp, *, limit_s: float):
        self.app, self.limit_s = app, limit_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != "/graphql" or scope["method"] != "POST":
            return await self.app(scope, receive, send)
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            started = True
            await send(message)

        try:
            await asyncio.wait_for(self.app(scope, receive, tracked), timeout=self.limit_s)
        except TimeoutError:
            if started:  # the answer is on its way; nothing else can be said
                return
            log.warning("GraphQL request timed out after %ss", self.limit_s)
            await JSONResponse(status_code=504, content={"data": None, "errors": [{
                "message": f"query timed out after {self.limit_s}s",
                "extensions": {"code": "TIMEOUT"}}]})(scope, receive, send)
