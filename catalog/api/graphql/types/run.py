from __future__ import annotations

from typing import Any

import strawberry

from catalog.api.graphql.context import Context
from catalog.api.graphql.types.job import Job
from catalog.api.graphql.types.node import Node, base_fields, mapper
from graph import Rel


@mapper("Run")
@strawberry.type(description="One run of a job, merged from its OpenLineage events.")
class Run(Node):
    state: str | None = None
    started: str | None = None
    ended: str | None = None
    nominal_time: str | None = None
    error: str | None = None

    @classmethod
    def from_node(cls, row: dict[str, Any]) -> Run:
        return cls(**base_fields(row), state=row.get("state"), started=row.get("started"),
                   ended=row.get("ended"), nominal_time=row.get("nominal_time"),
                   error=row.get("error"))

    @strawberry.field
    async def job(self, info: strawberry.Info[Context, None]) -> Job | None:
        pairs = await info.context.loaders.related(Rel.OF_JOB).load(self.id)
        return Job.from_node(pairs[0][1]) if pairs else None
