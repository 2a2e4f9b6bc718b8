from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.scalars import JSON

from catalog.api.graphql.context import Context
from catalog.api.graphql.types.common import OwnedTagged, json_field
from catalog.api.graphql.types.data_contract import DataContract
from catalog.api.graphql.types.dataset import Dataset
from catalog.api.graphql.types.node import Node, base_fields, mapper
from graph import Rel
from graph.labels import Direction

if TYPE_CHECKING:
    from catalog.api.graphql.types.domain import Domain

DomainRef = Annotated["Domain", strawberry.lazy("catalog.api.graphql.types.domain")]


@mapper("DataProduct")
@strawberry.type(description="A domain's data product: datasets served under one contract.")
class DataProduct(OwnedTagged, Node):
    version: str | None = None
    description: str | None = None
    status: str | None = None
    sla: JSON | None = None
    output_ports: JSON | None = None
    contract: DataContract | None = None

    @classmethod
    def from_node(cls, row: dict[str, Any]) -> DataProduct:
        return cls(**base_fields(row), version=row.get("version"),
                   description=row.get("description"), status=row.get("status"),
                   sla=json_field(row.get("sla")),
                   output_ports=json_field(row.get("output_ports")),
                   contract=DataContract.from_row(row))

    @strawberry.field
    async def domain(self, info: strawberry.Info[Context, None]) -> DomainRef | None:
        from catalog.api.graphql.types.domain import Domain

        pairs = await info.context.loaders.related(Rel.HAS_PRODUCT, Direction.IN).load(self.id)
        return Domain.from_node(pairs[0][1]) if pairs else None

    @strawberry.field
    async def datasets(self, info: strawberry.Info[Context, None]) -> list[Dataset]:
        pairs = await info.context.loaders.related(Rel.CONTAINS).load(self.id)
        return [Dataset.from_node(n) for _, n in pairs]


