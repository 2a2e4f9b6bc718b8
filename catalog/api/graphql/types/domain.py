from __future__ import annotations

from typing import Any

import strawberry

from catalog.api.graphql.context import Context
from catalog.api.graphql.types.common import OwnedTagged
from catalog.api.graphql.types.data_product import DataProduct
from catalog.api.graphql.types.node import Node, base_fields, mapper
from graph import Rel


@mapper("Domain")
@strawberry.type(description="A business domain of the mesh (sales, finance, ...).")
class Domain(OwnedTagged, Node):
    description: str | None = None

    @classmethod
    def from_node(cls, row: dict[str, Any]) -> Domain:
        return cls(**base_fields(row), description=row.get("description"))

    @strawberry.field
    async def data_products(self, info: strawberry.Info[Context, None]) -> list[DataProduct]:
        pairs = await info.context.loaders.related(Rel.HAS_PRODUCT).load(self.id)
        return [DataProduct.from_node(n) for _, n in pairs]


