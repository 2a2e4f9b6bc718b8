"""A product in a "most used" or "trending" list."""

from __future__ import annotations

import strawberry


@strawberry.type(description="A product and its score: uses (most used) or growth "
                             "(trending).")
class UsageEntry:
    product_id: strawberry.ID
    score: float
