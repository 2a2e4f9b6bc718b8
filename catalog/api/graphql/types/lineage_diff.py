from __future__ import annotations

import strawberry

from catalog.api.graphql.types.lineage_edge import LineageEdge
from catalog.api.graphql.types.lineage_node import LineageNode
from catalog.lineage.diff import LineageDiff as Diff


@strawberry.type(description="Lineage edges added and closed between two times.")
class LineageDiff:
    root: strawberry.ID
    from_: str = strawberry.field(name="from")
    to: str
    added: list[LineageEdge]
    closed: list[LineageEdge]
    nodes: list[LineageNode] = strawberry.field(
        description="Every node of the lineage over the window.")
    truncated: bool

    @classmethod
    def of(cls, d: Diff) -> LineageDiff:
        return cls(root=strawberry.ID(d.root), from_=d.since, to=d.until,
                   added=[LineageEdge.from_edge(e) for e in d.added],
                   closed=[LineageEdge.from_edge(e) for e in d.closed],
                   nodes=[LineageNode.from_found(n) for n in d.nodes], truncated=d.truncated)
