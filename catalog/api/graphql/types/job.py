from __future__ import annotations

from typing import Any

import strawberry

from catalog.api.graphql.context import Context
from catalog.api.graphql.types.common import OwnedTagged
from catalog.api.graphql.types.dataset import Dataset
from catalog.api.graphql.types.node import Node, base_fields, mapper
from graph import Rel


@mapper("Job")
@strawberry.type(description="A job that reads and writes datasets (OpenLineage job).")
class Job(OwnedTagged, Node):
    namespace: str | None = None
    type: str | None = None
    sql: str | None = None
    description: str | None = None

    @classmethod
    def from_node(cls, row: dict[str, Any]) -> Job:
        return cls(**base_fields(row), namespace=row.get("namespace"), type=row.get("type"),
                   sql=row.get("sql"), description=row.get("description"))

    @strawberry.field
    async def inputs(self, info: strawberry.Info[Context, None]) -> list[Dataset]:
        pairs = await info.context.loaders.related(Rel.READS).load(self.id)
        return [Dataset.from_node(n) for _, n in pairs]

    @strawberry.field
    async def outputs(self, info: strawberry.Info[Context, None]) -> list[Dataset]:
        pairs = await info.context.loaders.related(Rel.WRITES).load(self.id)
        return [Dataset.from_node(n) for _, n in pairs]


