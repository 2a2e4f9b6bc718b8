from __future__ import annotations

import strawberry

from catalog.api.graphql.types.transformation import Transformation
from catalog.lineage.model import LineageEdge as Edge


@strawberry.type(description="A lineage edge in the direction data flows, with the jobs that "
                             "make it, its transformations and its provenance.")
class LineageEdge:
    upstream: strawberry.ID = strawberry.field(description="Where the data comes from.")
    downstream: strawberry.ID = strawberry.field(description="Where the data goes.")
    type: str = strawberry.field(description="FEEDS (table), DERIVES_FROM (column), READS or "
                                             "WRITES (a job's edges, with includeJobs).")
    jobs: list[strawberry.ID]
    transformations: list[Transformation]
    source: str | None = strawberry.field(description="Which ingestor last wrote it.")
    confidence: float | None = strawberry.field(
        description="For edges parsed from SQL (source sql-parse): how sure the parser is.")
    first_seen: str | None
    last_seen: str | None
    valid_to: str | None = strawberry.field(description="When it was closed (null: current).")

    @classmethod
    def from_edge(cls, e: Edge) -> LineageEdge:
        return cls(upstream=strawberry.ID(e.upstream), downstream=strawberry.ID(e.downstream),
                   type=e.type.value, jobs=[strawberry.ID(j) for j in e.jobs],
                   transformations=[Transformation.from_dict(t) for t in e.transformations],
                   source=e.props.get("source"), confidence=e.props.get("confidence"),
                   first_seen=e.props.get("first_seen"),
                   last_seen=e.props.get("last_seen"), valid_to=e.props.get("valid_to"))
