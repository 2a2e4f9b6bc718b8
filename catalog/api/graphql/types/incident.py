"""An SLA incident of a data product: open until its cause goes away."""

from __future__ import annotations

from typing import Any

import strawberry


@strawberry.type(description="missed_freshness, failed_run or volume_drop; open from "
                             "startedAt until the product recovers (closedAt).")
class Incident:
    id: strawberry.ID
    product_id: strawberry.ID
    kind: str
    reason: str | None
    status: str
    started_at: str
    opened_at: str | None
    closed_at: str | None

    @classmethod
    def from_row(cls, r: dict[str, Any]) -> Incident:
        return cls(id=r["id"], product_id=r["product"], kind=r["kind"],
                   reason=r.get("reason"), status=r["status"], started_at=r["started_at"],
                   opened_at=r.get("opened_at"), closed_at=r.get("closed_at"))
