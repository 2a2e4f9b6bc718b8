"""Bad input answers 400 with a JSON body naming the field and the reason."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from graph.errors import (
    InvalidInput,
    NotFound,
    StaleGuardError,
    StoreAuthError,
    StoreUnavailable,
)

log = logging.getLogger(__name__)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(InvalidInput)
    async def _bad(_: Request, exc: InvalidInput) -> JSONResponse:
        return JSONResponse(status_code=400, content={
            "error": exc.code, "errors": [{"path": exc.path, "message": exc.reason}]})

    @app.exception_handler(NotFound)
    async def _missing(_: Request, exc: NotFound) -> JSONResponse:
        return JSONResponse(status_code=404, content={"error": exc.code, "message": str(exc)})

    @app.exception_handler(StoreUnavailable)
    @app.exception_handler(StoreAuthError)
    async def _unavailable(_: Request, exc: StoreUnavailable | StoreAuthError) -> JSONResponse:
        log.error("graph store: %s", exc)  # the detail (address, user) stays in the log
        return JSONResponse(status_code=503, headers={"Retry-After": "5"}, content={
            "error": exc.code, "message": "the graph store is unavailable; retry shortly"})

    @app.exception_handler(StaleGuardError)
    async def _guard(_: Request, exc: StaleGuardError) -> JSONResponse:
        return JSONResponse(status_code=409, content={"error": exc.code, "message": str(exc)})
