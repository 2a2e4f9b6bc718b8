from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from catalog.api.graphql.context import Context
from catalog.api.graphql.types.classification import ClassificationAssignment
from catalog.api.graphql.types.column import Column
from catalog.api.graphql.types.common import OwnedTagged, classifications_of, now_or_later
from catalog.api.graphql.types.data_quality import DataQuality
from catalog.api.graphql.types.node import Node, base_fields, mapper
from graph import Rel
from graph.labels import Direction

if TYPE_CHECKING:
    from catalog.api.graphql.types.data_product import DataProduct
    from catalog.api.graphql.types.run import Run

ProductRef = Annotated["DataProduct", strawberry.lazy("catalog.api.graphql.types.data_product")]
RunRef = Annotated["Run", strawberry.lazy("catalog.api.graphql.types.run")]


@mapper("Dataset")
@strawberry.type(description="A table, view, file, topic or model, named per OpenLineage.")
class Dataset(OwnedTagged, Node):
    namespace: str | None = None
    platform: str | None = None
    kind: str | None = None
    description: str | None = None
    quality: DataQuality | None = None

    @classmethod
    def from_node(cls, row: dict[str, Any]) -> Dataset:
        return cls(**base_fields(row), namespace=row.get("namespace"),
                   platform=row.get("platform"), kind=row.get("kind"),
                   description=row.get("user_description") or row.get("description"),
                   quality=DataQuality.from_row(row))

    @strawberry.field
    def columns(self, info: strawberry.Info[Context, None]) -> list[Column]:
        def ordered(pairs: list) -> list[Column]:
            cols = [Column.from_node(n) for _, n in pairs]
            return sorted(cols, key=lambda c: (
                c.ordinal if c.ordinal is not None else 1 << 30, c.path or ""))
        return now_or_later(  # type: ignore[return-value]  # or its awaitable
            info.context.loaders.related(Rel.HAS_COLUMN), self.id, ordered)



    @strawberry.field
    def classifications(self, info: strawberry.Info[Context, None]
                        ) -> list[ClassificationAssignment]:
        return classifications_of(info, self.id)  # type: ignore[return-value]  # or awaitable

    @strawberry.field(description="Recent runs of the jobs that write this dataset (of those "
                      "that read it when nothing writes it), newest first.")
    async def runs(self, info: strawberry.Info[Context, None], first: int = 10
                   ) -> list[RunRef]:
        from catalog.api.graphql.types.run import recent_runs

        return await recent_runs(info, self.id, first)

    @strawberry.field(description="The data product that contains this dataset.")
    async def data_product(self, info: strawberry.Info[Context, None]) -> ProductRef | None:
        from catalog.api.graphql.types.data_product import DataProduct

        pairs = await info.context.loaders.related(Rel.CONTAINS, Direction.IN).load(self.id)
        return DataProduct.from_node(pairs[0][1]) if pairs else None
