"""A consumer's rating of a data product (current, or closed by a later one)."""

from __future__ import annotations

from typing import Any

import strawberry


@strawberry.type(description="1 to 5 stars with an optional comment; one current per "
                             "consumer and product, earlier ones closed (validTo).")
class Rating:
    id: strawberry.ID
    product_id: strawberry.ID
    consumer: str
    stars: int
    comment: str | None
    by: str
    at: str
    valid_to: str | None

    @classmethod
    def from_row(cls, r: dict[str, Any]) -> Rating:
        return cls(id=r["id"], product_id=r["product"], consumer=r["consumer"],
                   stars=r["stars"], comment=r.get("comment"), by=r["by"], at=r["at"],
                   valid_to=r.get("valid_to"))
