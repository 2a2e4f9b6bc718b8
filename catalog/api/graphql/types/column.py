from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from catalog.api.graphql.context import Context
from catalog.api.graphql.types.classification import ClassificationAssignment
from catalog.api.graphql.types.common import Tagged, classifications_of
from catalog.api.graphql.types.node import Node, base_fields, mapper
from graph import Rel
from graph.labels import Direction

if TYPE_CHECKING:
    from catalog.api.graphql.types.dataset import Dataset


@mapper("Column")
@strawberry.type(description="A column or a nested field of a dataset.")
class Column(Tagged, Node):
    path: str | None = None
    type: str | None = None
    nullable: bool | None = None
    ordinal: int | None = None
    description: str | None = None

    @classmethod
    def from_node(cls, row: dict[str, Any]) -> Column:
        return cls(**base_fields(row), path=row.get("path"), type=row.get("type"),
                   nullable=row.get("nullable"), ordinal=row.get("ordinal"),
                   description=row.get("user_description") or row.get("description"))

    @strawberry.field
    async def dataset(self, info: strawberry.Info[Context, None]
                      ) -> Annotated[Dataset, strawberry.lazy(
                          "catalog.api.graphql.types.dataset")] | None:
        from catalog.api.graphql.types.dataset import Dataset

        pairs = await info.context.loaders.related(Rel.HAS_COLUMN, Direction.IN).load(self.id)
        return Dataset.from_node(pairs[0][1]) if pairs else None


    @strawberry.field
    def classifications(self, info: strawberry.Info[Context, None]
                        ) -> list[ClassificationAssignment]:
        return classifications_of(info, self.id)  # type: ignore[return-value]  # or awaitable
