"""Owners, tags and classifications hang off many entities; these resolve them."""

from __future__ import annotations

import json

import strawberry

from catalog.api.graphql.context import Context
from catalog.api.graphql.types.classification import ClassificationAssignment
from catalog.api.graphql.types.owner import Owner
from catalog.api.graphql.types.tag import Tag
from graph import Rel


async def owners_of(info: strawberry.Info[Context, None], node_id: str) -> list[Owner]:
    pairs = await info.context.loaders.related(Rel.OWNED_BY).load(node_id)
    return [Owner.from_node(n, role=e.get("role")) for e, n in pairs]


async def tags_of(info: strawberry.Info[Context, None], node_id: str) -> list[Tag]:
    pairs = await info.context.loaders.related(Rel.TAGGED).load(node_id)
    return [Tag.from_node(n) for _, n in pairs]


async def classifications_of(info: strawberry.Info[Context, None], node_id: str
                             ) -> list[ClassificationAssignment]:
    pairs = await info.context.loaders.related(Rel.CLASSIFIED_AS).load(node_id)
    return [ClassificationAssignment.from_edge(e, n) for e, n in pairs]


@strawberry.interface(description="Anything that carries tags.")
class Tagged:
    id: strawberry.ID

    @strawberry.field
    async def tags(self, info: strawberry.Info[Context, None]) -> list[Tag]:
        return await tags_of(info, self.id)


@strawberry.interface(description="Anything that has owners and tags.")
class OwnedTagged(Tagged):
    id: strawberry.ID

    @strawberry.field
    async def owners(self, info: strawberry.Info[Context, None]) -> list[Owner]:
        return await owners_of(info, self.id)


def json_field(value: str | None):
    return json.loads(value) if value else None
