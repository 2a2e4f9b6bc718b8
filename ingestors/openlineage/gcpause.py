"""Pause Python's cyclic garbage collector while a batch of events is parsed and mapped.

A batch is hundreds of thousands of small acyclic dicts (JSON): reference counting frees
them, but every few hundred allocations the cyclic collector walks them all, which doubles
the cost of parsing and mapping a large batch. Nested and concurrent pauses are counted;
the collector runs again when the last one ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_paused = False  # whether this module disabled the collector (never re-enable another's)


@contextmanager
def paused_gc() -> Iterator[None]:
    global _depth, _paused
    with _lock:
        _depth += 1
        if _depth == 1 and gc.isenabled():
            gc.disable()
            _paused = True
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _paused:
                _paused = False
                gc.enable()
