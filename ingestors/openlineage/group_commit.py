"""Group commit: requests that arrive while a transaction is being written are written
together in the next one, by whichever of their threads gets the writer first.

Under concurrent clients most of a small batch's cost is per transaction (the cache's
reads, a few statements per label, the change record, the commit), so ten requests of ten
events in one transaction cost little more than one. A request still waits for the commit
that holds its events, so an answer still means durable and readable.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


@dataclass
class _Pending(Generic[T, R]):
    item: T
    weight: int
    done: bool = False
    result: R | None = None
    error: BaseException | None = None


class GroupWriter(Generic[T, R]):
    """`submit(item)` returns `write([..., item, ...])`'s answer for `item`; one `write` runs
    at a time and takes every item waiting (up to `max_weight` in all, at least one).

    `write` gets the items in arrival order and answers one result per item. When it raises
    for a group of several an error that `isolate` accepts (bad data, not an engine that is
    down), each item is written again on its own, so one request cannot fail the others."""

    def __init__(self, write: Callable[[Sequence[T]], Sequence[R]], max_weight: int,
                 isolate: Callable[[Exception], bool]) -> None:
        self._write = write
        self._max_weight = max_weight
        self._isolate = isolate
        self._writer = threading.Lock()  # held while a group is written
        self._queue_lock = threading.Lock()
        self._queue: list[_Pending[T, R]] = []

    @property
    def lock(self) -> threading.Lock:
        """Held while a group is written: whoever holds it sees no write in progress."""
        return self._writer

    def submit(self, item: T, weight: int = 1) -> R:
        mine: _Pending[T, R] = _Pending(item, weight)
        with self._queue_lock:
            self._queue.append(mine)
        with self._writer:
            while not mine.done:  # an earlier leader may have written it meanwhile
                group = self._take()
                if not group:  # cannot happen: a pending item leaves the queue done
                    raise RuntimeError("group commit lost a pending item")
                self._write_group(group)
        if mine.error is not None:
            raise mine.error
        return mine.result  # type: ignore[return-value]

    def _take(self) -> list[_Pending[T, R]]:
        with self._queue_lock:
            taken, total = 0, 0
            for pending in self._queue:
                if taken and total + pending.weight > self._max_weight:
                    break
                taken += 1
                total += pending.weight
            group, self._queue = self._queue[:taken], self._queue[taken:]
        return group

    def _write_group(self, group: list[_Pending[T, R]]) -> None:
        try:
            results = self._write([p.item for p in group])
        except Exception as exc:
            if len(group) > 1 and self._isolate(exc):
                for pending in group:  # find the request that failed
                    self._write_group([pending])
                return
            for pending in group:
                pending.error, pending.done = exc, True
            return
        except BaseException as exc:  # interrupted: the others must not wait for it
            for pending in group:
                pending.error, pending.done = exc, True
            raise
        for pending, result in zip(group, results, strict=True):
            pending.result, pending.done = result, True
