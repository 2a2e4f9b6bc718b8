"""Owners, tags and classifications hang off many entities; these resolve them."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import TypeVar

import strawberry
from strawberry.dataloader import DataLoader

from catalog.api.graphql.context import Context
from catalog.api.graphql.types.classification import ClassificationAssignment
from catalog.api.graphql.types.owner import Owner
from catalog.api.graphql.types.tag import Tag
from graph import Rel

T = TypeVar("T")
V = TypeVar("V")


def now_or_later(loader: DataLoader[str, V], key: str, convert: Callable[[V], T]
                 ) -> T | Awaitable[T]:
    """`convert` of what `loader` holds for `key`: at once when it is already there (a
    primed dataset page), else an awaitable. A resolver that answers with a value, not a
    coroutine, costs no task and no turn of the event loop; under load each turn waits
    behind every other request's, and a page of 20 columns with their classifications
    took several."""
    future = loader.cache_map.get(key) if loader.cache else None
    if future is not None and future.done() and not future.cancelled() \
            and future.exception() is None:
        return convert(future.result())

    async def later() -> T:
        return convert(await loader.load(key))
    return later()


def owners_of(info: strawberry.Info[Context, None], node_id: str
              ) -> list[Owner] | Awaitable[list[Owner]]:
    return now_or_later(info.context.loaders.related(Rel.OWNED_BY), node_id, lambda pairs: [
        Owner.from_node(n, role=e.get("role")) for e, n in pairs])


def tags_of(info: strawberry.Info[Context, None], node_id: str
            ) -> list[Tag] | Awaitable[list[Tag]]:
    return now_or_later(info.context.loaders.related(Rel.TAGGED), node_id,
                        lambda pairs: [Tag.from_node(n) for _, n in pairs])


def classifications_of(info: strawberry.Info[Context, None], node_id: str
                       ) -> list[ClassificationAssignment] | \
        Awaitable[list[ClassificationAssignment]]:
    return now_or_later(info.context.loaders.related(Rel.CLASSIFIED_AS), node_id,
                        lambda pairs: [ClassificationAssignment.from_edge(e, n)
                                       for e, n in pairs])


@strawberry.interface(description="Anything that carries tags.")
class Tagged:
    id: strawberry.ID

    @strawberry.field
    def tags(self, info: strawberry.Info[Context, None]) -> list[Tag]:
        return tags_of(info, self.id)  # type: ignore[return-value]  # or its awaitable


@strawberry.interface(description="Anything that has owners and tags.")
class OwnedTagged(Tagged):
    id: strawberry.ID

    @strawberry.field
    def owners(self, info: strawberry.Info[Context, None]) -> list[Owner]:
        return owners_of(info, self.id)  # type: ignore[return-value]  # or its awaitable


def json_field(value: str | None):
    return json.loads(value) if value else None
