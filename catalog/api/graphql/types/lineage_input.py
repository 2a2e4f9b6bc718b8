from __future__ import annotations

from datetime import datetime

import strawberry

from catalog.api.graphql.types.lineage_enums import LineageDirection, LineageLevel


@strawberry.input(description="What lineage to answer: from where, which way, how far.")
class LineageInput:
    id: strawberry.ID = strawberry.field(description="A dataset or a column.")
    direction: LineageDirection = LineageDirection.DOWNSTREAM
    depth: int | None = strawberry.field(default=None,
                                         description="Hops from the start (default 3).")
    level: LineageLevel | None = strawberry.field(
        default=None, description="DATASET or COLUMN (default: the start's own level). A "
                                  "dataset at COLUMN level starts from all its columns.")
    include_jobs: bool = strawberry.field(default=False,
                                          description="Add the jobs on the edges as nodes.")
    as_of: datetime | None = strawberry.field(default=None,
                                              description="Lineage as it was at this time.")
    max_nodes_per_hop: int | None = strawberry.field(
        default=None, description="Fan-out cap: new nodes per hop and neighbours per node.")
    first: int | None = strawberry.field(default=None, description="Page size (nodes).")
    after: str | None = None
