"""A team's webhook (the secret is never returned)."""

from __future__ import annotations

from typing import Any

import strawberry


@strawberry.type(description="Where a team's notifications are POSTed (HMAC-signed).")
class TeamWebhook:
    team: str
    url: str
    updated_by: str | None
    updated_at: str | None

    @classmethod
    def from_row(cls, r: dict[str, Any]) -> TeamWebhook:
        return cls(team=r["team"], url=r["url"], updated_by=r.get("updated_by"),
                   updated_at=r.get("updated_at"))
