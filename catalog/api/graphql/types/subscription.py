"""An open subscription of a consumer to a data product."""

from __future__ import annotations

from typing import Any

import strawberry


@strawberry.type(description="A consumer subscribed through an approved access request.")
class Subscription:
    product_id: strawberry.ID
    consumer: str
    since: str
    request_id: strawberry.ID
    port: str | None

    @classmethod
    def from_row(cls, r: dict[str, Any]) -> Subscription:
        return cls(product_id=r["product"], consumer=r["consumer"], since=r["since"],
                   request_id=r["request"], port=r.get("port"))
