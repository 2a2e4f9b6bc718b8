"""FastAPI app factory; its lifespan owns the GraphStore and the Runtime beside it."""

from __future__ import annotations

import ctypes
import logging
import signal
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager

from fastapi import FastAPI

from catalog import __version__
from catalog.api import health, impact, mcp, openlineage, web
from catalog.api.auth import install_auth
from catalog.api.errors import install_error_handlers
from catalog.api.graphql.router import graphql_router, is_graphiql_request
from catalog.api.keepalive import install as install_keepalive
from catalog.api.timeout import install_timeout
from catalog.auth import token_store
from catalog.runtime import Runtime
from catalog.settings import Settings
from catalog.store import open_store
from graph import GraphStore

log = logging.getLogger(__name__)

# Modules that add HTTP routes register here, each with `setup(app)` (at build time).
# Long-lived parts without routes (an index, a background worker) are catalog/runtime's;
# a route that needs something running while the app serves (MCP's session manager) adds
# a factory of an async context manager to `app.state.lifespans`.
ROUTES = [openlineage, impact, mcp, web]
PR_SET_PDEATHSIG = 1  # linux/prctl.h


def create_app(settings: Settings | None = None, *, store: GraphStore | None = None,
               on_startup=None, close_store: bool = False, background: bool = True) -> FastAPI:
    """Build the app. A store passed in is used and left open (unless `close_store`: the
    app's shutdown closes it); otherwise the app opens the store the settings describe at
    start-up and closes it at shutdown. `background=False` for a worker of several: the
    once-per-server work (re-propagation) runs in the supervising process instead."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = store is None or close_store
        app.state.store = store or open_store(settings)
        app.state.tokens = token_store(settings, app.state.store)
        runtime = app.state.runtime = Runtime.create(app.state.store, settings,
                                                     background=background)
        try:
            runtime.start()
            if on_startup is not None:  # the running app: its store, runtime, receivers
                on_startup(app)
            async with AsyncExitStack() as stack:
                for enter in app.state.lifespans:
                    await stack.enter_async_context(enter())
                yield
        finally:
            runtime.stop()
            if owned:
                app.state.store.close()

    app = FastAPI(title="mesh catalog", version=__version__, lifespan=lifespan)
    app.state.settings = settings
    app.state.lifespans = []
    install_error_handlers(app)
    install_timeout(app, settings)
    install_keepalive(app, settings)
    install_auth(app, settings)
    app.include_router(health.router)
    app.include_router(graphql_router(settings), prefix="/graphql")
    if settings.graphiql:
        app.state.public_request = is_graphiql_request  # the page holds no data
    for routes in ROUTES:
        routes.setup(app)
    return app


def create_worker_app() -> FastAPI:
    """The app of one worker of `catalog serve --workers N` (uvicorn's factory, in each
    spawned process): settings from the environment the supervisor prepared."""
    _die_with_parent()
    return create_app(Settings(), background=False)


def _die_with_parent() -> None:
    """A worker whose supervisor is killed (SIGKILL, OOM) gets SIGTERM instead of serving
    on as an orphan (Linux's PR_SET_PDEATHSIG; elsewhere nothing)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        return
