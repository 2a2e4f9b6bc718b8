"""Request-scoped access to what the lifespan owns."""

from __future__ import annotations

from fastapi import Request

from catalog.runtime import Runtime
from catalog.settings import Settings
from graph import GraphStore


def get_store(request: Request) -> GraphStore:
    return request.app.state.store


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_runtime(request: Request) -> Runtime:
    return request.app.state.runtime
