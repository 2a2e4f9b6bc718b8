"""Replaying raw events (the receiver's log, or any JSON/NDJSON export) into a graph.

Ingestion is idempotent, so replaying a log onto the graph it came from changes nothing
but `last_seen`, and replaying it onto an empty graph rebuilds it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from graph import GraphStore
from ingestors.openlineage.eventlog import Item
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
    batch: list[Item] = []

    def flush() -> None:
        result = ingest_events(store, [i.event for i in batch], validate=validate)
        summary.accepted += result.accepted
        summary.rejected += result.rejected
        for item, res in zip(batch, result.results, strict=True):
            for problem in res.errors[:3]:
                summary.note(item.where, f"{problem.path}: {problem.message}")
        if progress:
            progress(len(batch))
        batch.clear()

    for item in items:
        summary.read += 1
        if item.error is not None:
            summary.unreadable += 1
            summary.note(item.where, item.error)
            if progress:
                progress(1)
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    summary.seconds = time.perf_counter() - started
    return summary
