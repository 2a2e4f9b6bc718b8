"""A steward's endorsement of a data product."""

from __future__ import annotations

from typing import Any

import strawberry


@strawberry.type(description="Certified by a steward, with a note and an optional expiry.")
class Certification:
    product_id: strawberry.ID
    note: str | None
    by: str
    at: str
    expires_at: str | None

    @classmethod
    def from_row(cls, r: dict[str, Any]) -> Certification:
        return cls(product_id=r["product"], note=r.get("note"), by=r["by"], at=r["at"],
                   expires_at=r.get("expires_at"))
