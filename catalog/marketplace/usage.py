"""Usage of products from the per-day counters: most used over a window, and trending
(the last days against the days before, so a product rising from little shows up)."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

from graph import GraphStore
from graph import marketplace as gm
from graph.errors import InvalidInput
from graph.labels import Label


def usage_id(subject: str, day: str) -> str:
    """The counter of a product's or a dataset's page on a day (`runtime.usage` writes)."""
    return f"usage:{subject}|{day}"


def _day(days_ago: int) -> str:
    return (datetime.now(UTC) - timedelta(days=days_ago)).strftime("%Y-%m-%d")


class UsageService:
    def __init__(self, store: GraphStore):
        self.store = store

    def _rows(self, since: str) -> list[dict]:
        """Usage rows of products since a day; a dataset's rows count for its products."""
        rows = gm.usage_since(self.store, since)
        datasets = sorted({r["product"] for r in rows
                           if r["product"].startswith(Label.DATASET.prefix)})
        holders: dict[str, list[str]] = {}
        for pair in gm.products_of_datasets(self.store, datasets) if datasets else []:
            holders.setdefault(pair["dataset"], []).append(pair["product"])
        out = []
        for r in rows:
            n = int(r["views"] or 0) + int(r["reads"] or 0)
            for pid in holders.get(r["product"], [r["product"]]):
                if pid.startswith(Label.DATA_PRODUCT.prefix):
                    out.append({"product": pid, "day": r["day"], "n": n})
        return out

    def totals(self, days: int = 30) -> list[tuple[str, int]]:
        """(product id, views + reads of it and its datasets' pages) over the last `days`
        days, most used first."""
        if not 1 <= days <= 366:
            raise InvalidInput("days", f"must be 1 to 366, got {days}")
        counts: Counter[str] = Counter()
        for r in self._rows(_day(days - 1)):
            counts[r["product"]] += r["n"]
        return counts.most_common()

    def totals_of(self, datasets: dict[str, list[str]], days: int = 30) -> dict[str, int]:
        """Views + reads of these products (keys) and their datasets' pages (values) over
        the last `days` days, read by row id: as `totals` counts them, for a page."""
        if not 1 <= days <= 366:
            raise InvalidInput("days", f"must be 1 to 366, got {days}")
        subjects = sorted({s for pid, ds in datasets.items() for s in (pid, *ds)})
        ids = [usage_id(s, _day(k)) for s in subjects for k in range(days)]
        n: dict[str, int] = {}
        for r in gm.usage_of(self.store, ids) if ids else []:
            n[r["product"]] = n.get(r["product"], 0) + int(r["views"] or 0) + \
                int(r["reads"] or 0)
        return {pid: n.get(pid, 0) + sum(n.get(d, 0) for d in ds)
                for pid, ds in datasets.items()}

    def most_used(self, days: int = 30, first: int = 10) -> list[tuple[str, int]]:
        return self.totals(days)[:first]

    def trending(self, first: int = 10, recent_days: int = 3, baseline_days: int = 14
                 ) -> list[tuple[str, float]]:
        """Products by the growth of their daily use: recent mean / (baseline mean + 1)."""
        recent_from, base_from = _day(recent_days - 1), _day(recent_days + baseline_days - 1)
        recent: Counter[str] = Counter()
        base: Counter[str] = Counter()
        for r in self._rows(base_from):
            (recent if r["day"] >= recent_from else base)[r["product"]] += r["n"]
        score = {p: (recent[p] / recent_days) / (base[p] / baseline_days + 1) for p in recent}
        return sorted(score.items(), key=lambda kv: -kv[1])[:first]
