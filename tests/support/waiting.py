"""Waiting for what the product promises to happen within a bound (another process's write
seen within 2 s, a revoked token refused within 2 s): the bound is the promise."""

from __future__ import annotations

import time
from collections.abc import Callable


def eventually(check: Callable[[], bool], within_s: float, every_s: float = 0.05) -> bool:
    """True as soon as `check()` is; False if it never is within `within_s` seconds."""
    deadline = time.monotonic() + within_s
    while True:
        if check():
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(every_s)
