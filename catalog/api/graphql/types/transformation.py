from __future__ import annotations

from typing import Any

import strawberry


@strawberry.type(description="How a column was derived (OpenLineage column lineage "
                             "transformation).")
class Transformation:
    type: str | None
    subtype: str | None
    description: str | None
    masking: bool | None

    @classmethod
    def from_dict(cls, t: dict[str, Any]) -> Transformation:
        return cls(type=t.get("type"), subtype=t.get("subtype"),
                   description=t.get("description"), masking=t.get("masking"))
