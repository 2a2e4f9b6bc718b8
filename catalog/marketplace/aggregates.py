"""Aggregates of ratings: mean, count and distribution over the current ratings."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass
class RatingSummary:
    count: int = 0
    mean: float | None = None
    distribution: list[int] = field(default_factory=lambda: [0] * 5)  # stars 1..5


def summarize(stars: Iterable[int]) -> RatingSummary:
    out = RatingSummary()
    total = 0
    for s in stars:
        out.distribution[int(s) - 1] += 1
        out.count += 1
        total += int(s)
    out.mean = round(total / out.count, 2) if out.count else None
    return out
