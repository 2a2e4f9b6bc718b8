from __future__ import annotations

import strawberry

from catalog.api.graphql.types.lineage_node import LineageNode
from catalog.api.graphql.types.mesh_dependency import MeshDependency
from catalog.lineage.mesh import MeshLineage as Mesh


@strawberry.type(description="Lineage between data products or domains, rolled up from table "
                             "lineage.")
class MeshLineage:
    root: strawberry.ID | None
    nodes: list[LineageNode]
    dependencies: list[MeshDependency]
    truncated: bool

    @classmethod
    def of(cls, m: Mesh) -> MeshLineage:
        return cls(root=strawberry.ID(m.root) if m.root else None,
                   nodes=[LineageNode.from_found(n) for n in m.nodes],
                   dependencies=[MeshDependency.of(d) for d in m.dependencies],
                   truncated=m.truncated)
