"""A time limit on GraphQL requests, answered as a GraphQL error with code TIMEOUT."""

from __future__ import annotations

import asyncio
import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from catalog.settings import Settings

log = logging.getLogger(__name__)


def install_timeout(app: FastAPI, settings: Settings) -> None:
    limit = settings.graphql_timeout_s

    @app.middleware("http")
    async def graphql_timeout(request: Request, call_next):
        if request.url.path != "/graphql" or request.method != "POST":
            return await call_next(request)
        try:
            return await asyncio.wait_for(call_next(request), timeout=limit)
        except TimeoutError:
            log.warning("GraphQL request timed out after %ss", limit)
            return JSONResponse(status_code=504, content={"data": None, "errors": [{
                "message": f"query timed out after {limit}s",
                "extensions": {"code": "TIMEOUT"}}]})
