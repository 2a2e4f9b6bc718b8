from __future__ import annotations

from typing import Any

import strawberry

from catalog.api.graphql.context import Context
from catalog.api.graphql.types.job import Job
from catalog.api.graphql.types.node import Node, base_fields, mapper
from graph import Rel
from graph.labels import Direction


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


async def recent_runs(info: strawberry.Info[Context, None], dataset_id: str, first: int
                      ) -> list[Run]:
    """The newest runs of the jobs writing a dataset, else of those reading it."""
    from graph.errors import InvalidInput

    limit = info.context.settings.max_page_size
    if not 0 < first <= limit:
        raise InvalidInput("first", f"must be between 1 and {limit}, got {first}")
    loaders = info.context.loaders
    jobs = await loaders.related(Rel.WRITES, Direction.IN).load(dataset_id)
    if not jobs:
        jobs = await loaders.related(Rel.READS, Direction.IN).load(dataset_id)
    per_job = await loaders.recent_runs(first).load_many([n["id"] for _, n in jobs])
    rows = sorted((r for runs in per_job for r in runs), key=lambda r: r.get("started")
                  or r.get("ended") or r.get("last_seen") or "", reverse=True)
    return [Run.from_node(r) for r in rows[:first]]
