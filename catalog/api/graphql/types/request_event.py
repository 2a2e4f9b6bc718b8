"""One step in an access request's history: who set which status, when, and why."""

from __future__ import annotations

import json

import strawberry


@strawberry.type(description="A step of an access request's history.")
class RequestEvent:
    status: str
    by: str
    at: str
    reason: str | None

    @classmethod
    def from_text(cls, text: str) -> RequestEvent:
        d = json.loads(text)
        return cls(status=d["status"], by=d["by"], at=d["at"], reason=d.get("reason"))
