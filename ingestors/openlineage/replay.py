"""Replaying raw events (the receiver's log, or any JSON/NDJSON export) into a graph.

Ingestion is idempotent, so replaying a log onto the graph it came from changes nothing
but `last_seen`, and replaying it onto an empty graph rebuilds it.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from graph import GraphStore
from ingestors.openlineage.eventlog import Item
from ingestors.openlineage.gcpause import paused_gc
from ingestors.openlineage.ingest import ingest_events

MAX_REPORTED = 20


@dataclass
class ReplaySummary:
    read: int = 0
    accepted: int = 0
    rejected: int = 0
    unreadable: int = 0
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)  # the first few, "where: path: message"

    @property
    def rate(self) -> float:
        return self.read / self.seconds if self.seconds else 0.0

    def note(self, where: str, message: str) -> None:
        if len(self.problems) < MAX_REPORTED:
            self.problems.append(f"{where}: {message}")


def replay(store: GraphStore, items: Iterable[Item], *, batch_size: int = 500,
           validate: bool = True, progress: Callable[[int], None] | None = None
           ) -> ReplaySummary:
    """Ingest `items` in batches of `batch_size` events, one transaction per batch."""
    summary = ReplaySummary()
    started = time.perf_counter()
    source = iter(items)
    while True:
        # read and ingest a batch with the collector paused (see gcpause); the batch is
        # freed when _batch returns, before the collector runs again
        with paused_gc():
            more = _batch(store, source, batch_size, validate, summary, progress)
        if not more:
            break
    summary.seconds = time.perf_counter() - started
    return summary


def _batch(store: GraphStore, source: Iterator[Item], size: int, validate: bool,
           summary: ReplaySummary, progress: Callable[[int], None] | None) -> bool:
    batch = list(itertools.islice(source, size))
    if not batch:
        return False
    summary.read += len(batch)
    good = [i for i in batch if i.error is None]
    for item in batch:
        if item.error is not None:
            summary.unreadable += 1
            summary.note(item.where, item.error)
    if good:
        result = ingest_events(store, [i.event for i in good], validate=validate)
        summary.accepted += result.accepted
        summary.rejected += result.rejected
        for item, res in zip(good, result.results, strict=True):
            for problem in res.errors[:3]:
                summary.note(item.where, f"{problem.path}: {problem.message}")
    if progress:
        progress(len(batch))
    return True
