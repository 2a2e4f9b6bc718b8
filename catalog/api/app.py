"""FastAPI app factory; its lifespan owns the GraphStore."""

from __future__ import annotations

import importlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from catalog import __version__
from catalog.api import health
from catalog.api.auth import install_auth, token_store
from catalog.api.errors import install_error_handlers
from catalog.api.graphql.router import graphql_router, is_graphiql_request
from catalog.api.timeout import install_timeout
from catalog.settings import Settings
from catalog.store import open_store
from graph import GraphStore, feed

log = logging.getLogger(__name__)

# Features that hold state beside the store (an index, a raw event log) or add routes
# register here: each module has `setup(app)` (routes, at build time) and optionally
# `on_startup(app)` / `on_shutdown(app)` (with app.state.store open).
FEATURES: list[str] = ["catalog.api.openlineage", "catalog.api.impact", "catalog.api.search",
                       "catalog.api.propagation", "catalog.api.web"]


def _features() -> list:
    return [importlib.import_module(name) for name in FEATURES]


def create_app(settings: Settings | None = None, *, store: GraphStore | None = None,
               on_startup=None) -> FastAPI:
    """Build the app. A store passed in is used and left open; otherwise the app opens
    the store the settings describe at start-up and closes it at shutdown."""
    settings = settings or Settings()
    features = _features()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = store is None
        app.state.store = store or open_store(settings)
        app.state.tokens = token_store(settings, app.state.store)
        # other processes' writes: the feed from before the features build their state
        follower = feed.Follower(app.state.store, poll_s=settings.change_feed_poll_s,
                                 retention_s=settings.change_feed_retention_s)
        follower.start_at(feed.now_ms(app.state.store))
        follower.subscribe(app.state.store.apply_foreign)
        app.state.follower = follower
        started = []
        try:
            for feature in features:
                if hasattr(feature, "on_startup"):
                    feature.on_startup(app)
                started.append(feature)
            if on_startup is not None:
                on_startup(app.state.store)
            follower.start()
            yield
        finally:
            follower.stop()
            for feature in reversed(started):
                if hasattr(feature, "on_shutdown"):
                    feature.on_shutdown(app)
            if owned:
                app.state.store.close()

    app = FastAPI(title="mesh catalog", version=__version__, lifespan=lifespan)
    app.state.settings = settings
    install_error_handlers(app)
    install_timeout(app, settings)
    install_auth(app, settings)
    app.include_router(health.router)
    app.include_router(graphql_router(settings), prefix="/graphql")
    if settings.graphiql:
        app.state.public_request = is_graphiql_request  # the page holds no data
    for feature in features:
        feature.setup(app)
    return app
