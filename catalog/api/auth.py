"""Authentication (bearer tokens) and role checks for HTTP routes.

Writes always need a token of the right role. Reads need one when `auth_reads` is set, and
always when the server listens beyond loopback. Denials are 401 (no or bad token) or 403
(wrong role), with a JSON message, and are logged; tokens never are.
"""

from __future__ import annotations

import ipaddress
import logging

from fastapi import FastAPI, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from catalog.api.errors import unavailable
from catalog.auth import ANONYMOUS, Principal, Role, TokenStore
from catalog.settings import Settings
from graph.errors import StoreAuthError, StoreUnavailable

log = logging.getLogger("catalog.auth")
OPEN_PATHS = frozenset({"/healthz", "/readyz"})


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def deny(request: Request, status: int, code: str, message: str) -> JSONResponse:
    principal = getattr(request.state, "principal", ANONYMOUS)
    log.warning("denied %s %s (%s): %s", request.method, request.url.path, principal.name,
                message)
    return JSONResponse(status_code=status, content={"error": code, "message": message},
                        headers={"WWW-Authenticate": "Bearer"} if status == 401 else None)


def _is_open(request: Request) -> bool:
    """Health checks, and what a feature declares public: the UI's static pages by path,
    the GraphiQL page by request (GET /graphql without a query)."""
    public = getattr(request.app.state, "public_path", None)
    public_request = getattr(request.app.state, "public_request", None)
    return (request.url.path in OPEN_PATHS or bool(public and public(request.url.path))
            or bool(public_request and public_request(request)))


def install_auth(app: FastAPI, settings: Settings) -> None:
    app.add_middleware(AuthMiddleware,
                       reads_need_token=settings.auth_reads or not is_loopback(settings.host))


class AuthMiddleware:
    """Sets `request.state.principal` from the bearer token, or answers 401. Plain ASGI
    (Starlette's BaseHTTPMiddleware streams every response through a queue: a fixed cost
    on each request)."""

    def __init__(self, app: ASGIApp, *, reads_need_token: bool):
        self.app, self.reads_need_token = app, reads_need_token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        request = Request(scope)
        denial = await self._authenticate(request)
        if denial is not None:
            return await denial(scope, receive, send)
        return await self.app(scope, receive, send)

    async def _authenticate(self, request: Request) -> JSONResponse | None:
        request.state.principal = ANONYMOUS
        header = request.headers.get("authorization")
        if header:
            scheme, _, value = header.partition(" ")
            token = value.strip()
            if scheme.lower() != "bearer" or not token:
                return deny(request, 401, "UNAUTHENTICATED",
                            "the Authorization header must be 'Bearer <token>'")
            tokens: TokenStore = request.app.state.tokens  # set when the store opens
            try:
                principal = (tokens.verify(token) if tokens.in_memory(token)
                             else await run_in_threadpool(tokens.verify, token))
            except (StoreUnavailable, StoreAuthError) as exc:  # tokens live in the graph
                return unavailable(exc)
            if principal is None:
                return deny(request, 401, "UNAUTHENTICATED", "invalid or revoked token")
            request.state.principal = principal
        elif self.reads_need_token and not _is_open(request):
            return deny(request, 401, "UNAUTHENTICATED", "this server needs a token: "
                        "send 'Authorization: Bearer <token>'")
        return None


def require(needed: Role):
    """A FastAPI dependency: the caller's token must allow `needed`."""
    def check(request: Request) -> Principal:
        principal: Principal = getattr(request.state, "principal", ANONYMOUS)
        if not principal.authenticated:
            log.warning("denied %s %s: no token (needs %s)", request.method, request.url.path,
                        needed)
            raise HTTPException(401, detail={"error": "UNAUTHENTICATED",
                                             "message": f"a token with role {needed} is needed"},
                                headers={"WWW-Authenticate": "Bearer"})
        if not principal.allows(needed):
            log.warning("denied %s %s (%s): role %s, needs %s", request.method,
                        request.url.path, principal.name, principal.role, needed)
            raise HTTPException(403, detail={"error": "FORBIDDEN", "message":
                                             f"role {principal.role} may not do this; "
                                             f"needs {needed}"})
        return principal
    return check
