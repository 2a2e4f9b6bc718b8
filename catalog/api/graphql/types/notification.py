"""A notification to a team: an incident or a contract-breaking change, and its delivery."""

from __future__ import annotations

import json
from typing import Any

import strawberry
from strawberry.scalars import JSON


@strawberry.type(description="What a team was told, and how its webhook delivery went "
                             "(pending, delivered, failed; unsent without a webhook).")
class Notification:
    id: strawberry.ID
    team: str
    kind: str
    product_id: strawberry.ID | None
    payload: JSON
    created_at: str
    status: str
    attempts: int
    last_error: str | None
    delivered_at: str | None
    delivery_log: JSON

    @classmethod
    def from_row(cls, r: dict[str, Any]) -> Notification:
        return cls(id=r["id"], team=r["team"], kind=r["kind"], product_id=r.get("product"),
                   payload=json.loads(r.get("payload") or "{}"), created_at=r["created_at"],
                   status=r["status"], attempts=int(r.get("attempts") or 0),
                   last_error=r.get("last_error"), delivered_at=r.get("delivered_at"),
                   delivery_log=[json.loads(e) for e in r.get("log") or []])
