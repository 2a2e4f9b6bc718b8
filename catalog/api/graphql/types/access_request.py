"""An access request to a data product (or one of its output ports), and its decision."""

from __future__ import annotations

from typing import Any

import strawberry

from catalog.api.graphql.types.request_event import RequestEvent


@strawberry.type(description="A consumer's request for a data product: pending, approved "
                             "(a subscription), denied, ended or withdrawn.")
class AccessRequest:
    id: strawberry.ID
    product_id: strawberry.ID
    port: str | None
    consumer: str = strawberry.field(description="The team (or person) who consumes.")
    team: str | None
    purpose: str
    status: str
    requested_by: str
    requested_at: str
    decided_by: str | None
    decided_at: str | None
    reason: str | None
    ended_by: str | None
    ended_at: str | None
    history: list[RequestEvent]

    @classmethod
    def from_row(cls, r: dict[str, Any]) -> AccessRequest:
        return cls(id=r["id"], product_id=r["product"], port=r.get("port"),
                   consumer=r["consumer"], team=r.get("team"), purpose=r["purpose"],
                   status=r["status"], requested_by=r["requested_by"],
                   requested_at=r["requested_at"], decided_by=r.get("decided_by"),
                   decided_at=r.get("decided_at"), reason=r.get("reason"),
                   ended_by=r.get("ended_by"), ended_at=r.get("ended_at"),
                   history=[RequestEvent.from_text(h) for h in r.get("history") or []])
