"""Usage counting in each worker: views and GraphQL reads of a product are counted in
memory (a dict increment under a lock) and flushed to per-day counters in the graph every
`usage_flush_s` and at stop, one write per flush however many requests there were."""

from __future__ import annotations

import logging
import threading
from collections import Counter
from datetime import UTC, datetime

from catalog.marketplace.usage import usage_id
from catalog.settings import Settings
from graph import GraphStore
from graph import marketplace as gm

log = logging.getLogger(__name__)
VIEW, READ = "views", "reads"


class UsageCounter:
    def __init__(self, store: GraphStore, settings: Settings):
        self.store, self.settings = store, settings
        self._counts: Counter[tuple[str, str]] = Counter()  # (id, kind); the day: at flush
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="usage-flush", daemon=True)

    def count(self, product_id: str, kind: str = READ) -> None:
        """A dict increment: what a request pays."""
        with self._lock:
            self._counts[(product_id, kind)] += 1

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=30)
        self.flush()

    def _loop(self) -> None:
        while not self._stop.wait(self.settings.usage_flush_s):
            self.flush()

    def flush(self) -> int:
        with self._lock:
            counts, self._counts = self._counts, Counter()
        if not counts:
            return 0
        day = datetime.now(UTC).strftime("%Y-%m-%d")  # a flush's counts are of its day
        rows: dict[str, dict] = {}
        for (product, kind), n in counts.items():
            row = rows.setdefault(usage_id(product, day), {
                "id": usage_id(product, day), "product": product, "day": day,
                VIEW: 0, READ: 0})
            row[kind] += n
        try:
            gm.add_usage(self.store, list(rows.values()))
        except Exception:  # keep the counts for the next flush
            log.exception("flushing usage counters failed")
            with self._lock:
                self._counts.update(counts)
            return 0
        return sum(counts.values())
