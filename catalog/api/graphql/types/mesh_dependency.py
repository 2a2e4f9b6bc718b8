from __future__ import annotations

import strawberry

from catalog.api.graphql.types.lineage_edge import LineageEdge
from catalog.lineage.mesh import MeshDependency as Dependency


@strawberry.type(description="One data product (or domain) depends on another, justified by "
                             "the dataset edges between them.")
class MeshDependency:
    upstream: strawberry.ID
    downstream: strawberry.ID
    edge_count: int
    edges: list[LineageEdge]

    @classmethod
    def of(cls, d: Dependency) -> MeshDependency:
        return cls(upstream=strawberry.ID(d.upstream), downstream=strawberry.ID(d.downstream),
                   edge_count=len(d.edges), edges=[LineageEdge.from_edge(e) for e in d.edges])
