"""Bad input answers 400 with a JSON body naming the field and the reason.

Services name the parameter at fault in their own terms; a route wraps the service call in
`paths(...)` to answer with its own parameter names (GraphQL: `graphql.arguments`)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from graph.errors import (
    GraphError,
    InvalidInput,
    NotFound,
    StaleGuardError,
    StoreAuthError,
    StoreUnavailable,
)

log = logging.getLogger(__name__)


@contextmanager
def paths(rename: Callable[[str], str]) -> Iterator[None]:
    """Store and service errors raised inside name `rename(path)` instead of `path`."""
    try:
        yield
    except InvalidInput as exc:
        raise InvalidInput(rename(exc.path), exc.reason) from None
    except GraphError as exc:
        if getattr(exc, "path", None):
            exc.path = rename(exc.path)
        raise


def parameters(**renames: str):
    """Errors raised inside name these query parameters for the service's parameters."""
    return paths(lambda p: renames.get(p, p))


def unavailable(exc: StoreUnavailable | StoreAuthError) -> JSONResponse:
    """503 with Retry-After: the graph store is away (or refuses us); clients retry."""
    log.error("graph store: %s", exc)  # the detail (address, user) stays in the log
    return JSONResponse(status_code=503, headers={"Retry-After": "5"}, content={
        "error": exc.code, "message": "the graph store is unavailable; retry shortly"})


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
        return unavailable(exc)

    @app.exception_handler(StaleGuardError)
    async def _guard(_: Request, exc: StaleGuardError) -> JSONResponse:
        return JSONResponse(status_code=409, content={"error": exc.code, "message": str(exc)})
