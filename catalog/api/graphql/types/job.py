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
    sql_parse_error: str | None = strawberry.field(
        default=None, description="Why its SQL gave no lineage (null: parsed, or no SQL).")
    sql_parse_confidence: float | None = strawberry.field(
        default=None, description="How sure the SQL lineage parser is of its column edges "
                                  "(1: every column resolved against a known schema).")

    @classmethod
    def from_node(cls, row: dict[str, Any]) -> Job:
        return cls(**base_fields(row), namespace=row.get("namespace"), type=row.get("type"),
                   sql=row.get("sql"), description=row.get("description"),
                   sql_parse_error=row.get("sql_parse_error"),
                   sql_parse_confidence=row.get("sql_parse_confidence"))

    @strawberry.field
    async def inputs(self, info: strawberry.Info[Context, None]) -> list[Dataset]:
        pairs = await info.context.loaders.related(Rel.READS).load(self.id)
        return [Dataset.from_node(n) for _, n in pairs]

    @strawberry.field
    async def outputs(self, info: strawberry.Info[Context, None]) -> list[Dataset]:
        pairs = await info.context.loaders.related(Rel.WRITES).load(self.id)
        return [Dataset.from_node(n) for _, n in pairs]


