"""A set of int64 keys for millions of members: a sorted array plus the writes since.

The search index keeps one key per lineage edge (3M at the xl scale) only to count each
edge once. A Python set of them costs about 80 bytes a key (the int and its slot); the
sorted array costs 8, and the writes since the last compaction stay in small sets.
"""

from __future__ import annotations

import numpy as np

MIN_OVERLAY = 1 << 16


class KeySet:
    def __init__(self) -> None:
        self._base = np.empty(0, np.int64)
        self._added: set[int] = set()    # not in the base
        self._removed: set[int] = set()  # in the base

    def __len__(self) -> int:
        return self._base.size - len(self._removed) + len(self._added)

    def _in_base(self, key: int) -> bool:
        i = int(self._base.searchsorted(key))
        return i < self._base.size and int(self._base[i]) == key

    def __contains__(self, key: int) -> bool:
        return key in self._added or (key not in self._removed and self._in_base(key))

    def add(self, key: int) -> bool:
        """Add `key`; whether it was missing."""
        if key in self._added:
            return False
        if key in self._removed:
            self._removed.discard(key)
            return True
        if self._in_base(key):
            return False
        self._added.add(key)
        self._maybe_compact()
        return True

    def discard(self, key: int) -> bool:
        """Remove `key`; whether it was there."""
        if key in self._added:
            self._added.discard(key)
            return True
        if key in self._removed or not self._in_base(key):
            return False
        self._removed.add(key)
        self._maybe_compact()
        return True

    def _maybe_compact(self) -> None:
        if len(self._added) + len(self._removed) > max(MIN_OVERLAY, self._base.size >> 3):
            self.compact()

    def compact(self) -> None:
        """Fold the writes into the sorted array (added keys are never in it, removed
        ones always are: no duplicates to drop)."""
        base = self._base
        if self._removed:
            gone = base.searchsorted(np.fromiter(self._removed, np.int64, len(self._removed)))
            keep = np.ones(base.size, bool)
            keep[gone] = False
            base = base[keep]
        if self._added:
            base = np.sort(np.concatenate(
                [base, np.fromiter(self._added, np.int64, len(self._added))]))
        self._base = base
        self._added, self._removed = set(), set()

    def nbytes(self) -> int:
        return self._base.nbytes
