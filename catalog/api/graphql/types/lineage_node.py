from __future__ import annotations

import strawberry

from catalog.api.graphql.context import Context
from catalog.api.graphql.types.lineage_enums import LineageSide
from catalog.api.graphql.types.node import Node, to_node
from catalog.lineage.model import LineageNode as Found


@strawberry.type(description="A node of a lineage answer and how far it is from the start.")
class LineageNode:
    id: strawberry.ID
    label: str = strawberry.field(description="Dataset, Column, Job, DataProduct or Domain.")
    degree: int = strawberry.field(description="Hops from the start (0: the start).")
    side: LineageSide

    @strawberry.field(description="The entity itself (batched through a dataloader).")
    async def node(self, info: strawberry.Info[Context, None]) -> Node | None:
        return to_node(await info.context.loaders.node.load(self.id))

    @classmethod
    def from_found(cls, n: Found) -> LineageNode:
        return cls(id=strawberry.ID(n.id), label=n.label, degree=n.degree, side=n.side)
