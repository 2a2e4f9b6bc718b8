"""Buffers as long as the index, reused by every query and kept clean between queries.

A query scatters per-document values into a buffer at the documents it touches, gathers
them back where it needs them, and zeroes those places again: work proportional to the
documents touched, never to the size of the catalog. One query at a time (the index lock).
"""

from __future__ import annotations

import numpy as np


class Scratch:
    """11 bytes and two bits a document (130 MB at 11M documents)."""

    def __init__(self) -> None:
        self.size = 0
        self._alloc(0)

    def _alloc(self, size: int) -> None:
        self.mark = np.zeros(size, dtype=bool)
        # bit i: the document holds earlier word i (autocomplete)
        self.terms = np.zeros(size, dtype=np.uint16)
        # a document's place + 1 among those a query touches (kernels.touched); a name's
        # place + 1 among the best completions of a token (kernels.complete)
        self.pos = np.zeros(size, dtype=np.int32)
        # one bit a document: touched by the query (kernels.touched)
        self.bits = np.zeros((size >> 6) + 1, dtype=np.int64)
        # the same two for a query's other reading, scored on a second thread (rank)
        self.lanes = [(self.pos, self.bits), (np.zeros(size, dtype=np.int32),
                                              np.zeros((size >> 6) + 1, dtype=np.int64))]

    def ensure(self, n: int) -> Scratch:
        """Room for documents 0..n (slot n stays zero: it stands for 'no parent')."""
        if n + 1 > self.size:
            self.size = max(n + 1, int(self.size * 1.5))
            self._alloc(self.size)
        return self

    def unique(self, parts: list[np.ndarray], n: int) -> np.ndarray:
        """The distinct documents of `parts`, sorted."""
        parts = [p for p in parts if p.size]
        if not parts:
            return np.zeros(0, dtype=np.intp)
        total = sum(p.size for p in parts)
        if total < 4096:
            return np.unique(np.concatenate(parts))
        for p in parts:
            self.mark[p] = True
        out = np.flatnonzero(self.mark[:n])
        self.mark[out] = False
        return out
