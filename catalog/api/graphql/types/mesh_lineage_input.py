from __future__ import annotations

from datetime import datetime

import strawberry

from catalog.api.graphql.types.lineage_enums import LineageDirection


@strawberry.input(description="Mesh lineage around one data product or domain (without an "
                              "id: every dependency of the mesh).")
class MeshLineageInput:
    id: strawberry.ID | None = None
    direction: LineageDirection = LineageDirection.BOTH
    depth: int | None = None
    as_of: datetime | None = None
