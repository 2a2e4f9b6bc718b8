"""The enums of lineage requests and answers (the service's own, exposed as is)."""

from __future__ import annotations

import strawberry

from catalog.lineage.model import Level, LineageDirection, Side

LineageDirection = strawberry.enum(LineageDirection, name="LineageDirection",
                                   description="Which way to walk from the start.")
LineageLevel = strawberry.enum(Level, name="LineageLevel",
                               description="Table lineage (FEEDS) or column lineage "
                                           "(DERIVES_FROM).")
LineageSide = strawberry.enum(Side, name="LineageSide",
                              description="Where a node sits relative to the start.")
