from __future__ import annotations

import strawberry

from catalog.api.graphql.types.lineage_edge import LineageEdge
from catalog.lineage.paths import LineagePath as Path


@strawberry.type(description="The shortest lineage path between two datasets or columns, in "
                             "the direction data flows.")
class LineagePath:
    from_: strawberry.ID = strawberry.field(name="from")
    to: strawberry.ID
    found: bool
    reversed: bool = strawberry.field(description="True when `to` is upstream of `from`.")
    length: int = strawberry.field(description="Edges on the path.")
    nodes: list[strawberry.ID]
    edges: list[LineageEdge]
    jobs: list[strawberry.ID] = strawberry.field(description="The jobs along the path, in order.")

    @classmethod
    def of(cls, p: Path) -> LineagePath:
        return cls(from_=strawberry.ID(p.source), to=strawberry.ID(p.target), found=p.found,
                   reversed=p.reversed, length=len(p.edges),
                   nodes=[strawberry.ID(n) for n in p.nodes],
                   edges=[LineageEdge.from_edge(e) for e in p.edges],
                   jobs=[strawberry.ID(j) for j in p.jobs])
