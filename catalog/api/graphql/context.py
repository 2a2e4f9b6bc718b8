"""Typed per-request context: the services and this request's dataloaders."""

from __future__ import annotations

from dataclasses import dataclass, field

from strawberry.fastapi import BaseContext

from catalog.api.graphql.loaders import Loaders
from catalog.audit import Actor
from catalog.auth import ANONYMOUS, Principal
from catalog.browse import BrowseService
from catalog.runtime import Runtime
from catalog.settings import Settings
from graph import GraphStore


@dataclass
class Context(BaseContext):
    store: GraphStore
    settings: Settings
    browse: BrowseService
    runtime: Runtime | None = None  # the app's long-lived parts (search index, ...)
    principal: Principal = ANONYMOUS
    loaders: Loaders = field(init=False)

    @property
    def actor(self) -> Actor:
        """Who acts: the token's name (decided_by, closed_by) and role (the audit log)."""
        return Actor.of_principal(self.principal)

    def __post_init__(self) -> None:
        super().__init__()
        self.loaders = Loaders(self.browse)
