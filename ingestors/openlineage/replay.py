"""Replaying raw events (the receiver's log, or any JSON/NDJSON export) into a graph.

Ingestion is idempotent, so replaying a log onto the graph it came from changes nothing
but `last_seen`, and replaying it onto an empty graph rebuilds it.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from graph import GraphStore
from ingestors.openlineage.eventlog import Item
from ingestors.openlineage.gcpause import paused_gc
from ingestors.openlineage.ingest import IngestResult, Prepared, prepare_events, write_prepared

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
    """Ingest `items` in batches of `batch_size` events, one transaction per batch.

    Two stages: while one batch is written (mostly waiting on the engine), the next one is
    read, validated and parsed; batches are written in order."""
    summary = ReplaySummary()
    started = time.perf_counter()
    source = iter(items)
    # the collector stays paused for the whole replay (see gcpause): batches are acyclic
    # and freed by reference counting once written
    with paused_gc(), ThreadPoolExecutor(1, thread_name_prefix="ol-replay") as writer:
        pending: Future | None = None
        while True:
            batch = _read(source, batch_size, validate, summary)
            if pending is not None:
                _account(pending.result(), summary, progress)
            if batch is None:
                break
            pending = writer.submit(_write, store, batch)
    summary.seconds = time.perf_counter() - started
    return summary


_Batch = tuple[list[Item], Prepared, int]


def _read(source: Iterator[Item], size: int, validate: bool,
          summary: ReplaySummary) -> _Batch | None:
    items = list(itertools.islice(source, size))
    if not items:
        return None
    summary.read += len(items)
    for item in items:
        if item.error is not None:
            summary.unreadable += 1
            summary.note(item.where, item.error)
    good = [i for i in items if i.error is None]
    return good, prepare_events([i.event for i in good], validate=validate), len(items)


def _write(store: GraphStore, batch: _Batch) -> tuple[list[Item], IngestResult, int]:
    good, prepared, count = batch
    return good, write_prepared(store, prepared), count


def _account(done: tuple[list[Item], IngestResult, int], summary: ReplaySummary,
             progress: Callable[[int], None] | None) -> None:
    good, result, count = done
    summary.accepted += result.accepted
    summary.rejected += result.rejected
    for item, res in zip(good, result.results, strict=True):
        for problem in res.errors[:3]:
            summary.note(item.where, f"{problem.path}: {problem.message}")
    if progress:
        progress(count)
