"""Usage of products from the per-day counters: most used over a window, and trending
(the last days against the days before, so a product rising from little shows up)."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

from graph import GraphStore
from graph import marketplace as gm
from graph.errors import InvalidInput
from graph.labels import Label


def _day(days_ago: int) -> str:
    return (datetime.now(UTC) - timedelta(days=days_ago)).strftime("%Y-%m-%d")


class UsageService:
    def __init__(self, store: GraphStore):
        self.store = store

    def totals(self, days: int = 30) -> list[tuple[str, int]]:
        """(product id, views + reads) over the last `days` days, most used first."""
        if not 1 <= days <= 366:
            raise InvalidInput("days", f"must be 1 to 366, got {days}")
        counts: Counter[str] = Counter()
        for r in gm.usage_since(self.store, _day(days - 1)):
            if r["product"].startswith(Label.DATA_PRODUCT.prefix):
                counts[r["product"]] += int(r["views"] or 0) + int(r["reads"] or 0)
        return counts.most_common()

    def most_used(self, days: int = 30, first: int = 10) -> list[tuple[str, int]]:
        return self.totals(days)[:first]

    def trending(self, first: int = 10, recent_days: int = 3, baseline_days: int = 14
                 ) -> list[tuple[str, float]]:
        """Products by the growth of their daily use: recent mean / (baseline mean + 1)."""
        recent_from, base_from = _day(recent_days - 1), _day(recent_days + baseline_days - 1)
        recent: Counter[str] = Counter()
        base: Counter[str] = Counter()
        for r in gm.usage_since(self.store, base_from):
            if not r["product"].startswith(Label.DATA_PRODUCT.prefix):
                continue
            n = int(r["views"] or 0) + int(r["reads"] or 0)
            (recent if r["day"] >= recent_from else base)[r["product"]] += n
        score = {p: (recent[p] / recent_days) / (base[p] / baseline_days + 1) for p in recent}
        return sorted(score.items(), key=lambda kv: -kv[1])[:first]
