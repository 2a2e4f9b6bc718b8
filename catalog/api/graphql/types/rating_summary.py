"""The aggregates of a product's current ratings."""

from __future__ import annotations

import strawberry

from catalog.marketplace.aggregates import RatingSummary as Summary


@strawberry.type(description="Mean, count and distribution (index 0: one star) of the "
                             "current ratings.")
class RatingSummary:
    count: int
    mean: float | None
    distribution: list[int]

    @classmethod
    def of(cls, s: Summary) -> RatingSummary:
        return cls(count=s.count, mean=s.mean, distribution=list(s.distribution))
