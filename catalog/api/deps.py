"""Request-scoped access to what the lifespan owns: `store_of(request)` and the like for
code that has the request, `get_store` and the like as FastAPI dependencies. Those are
`async def`: FastAPI runs a plain `def` dependency in a worker thread, a round trip that
costs more than the lookup."""

from __future__ import annotations

from fastapi import Request

from catalog.runtime import Runtime
from catalog.settings import Settings
from graph import GraphStore


def store_of(request: Request) -> GraphStore:
    return request.app.state.store


def settings_of(request: Request) -> Settings:
    return request.app.state.settings


def runtime_of(request: Request) -> Runtime:
    return request.app.state.runtime


async def get_store(request: Request) -> GraphStore:
    return store_of(request)


async def get_settings(request: Request) -> Settings:
    return settings_of(request)


async def get_runtime(request: Request) -> Runtime:
    return runtime_of(request)
