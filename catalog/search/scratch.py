"""Buffers as long as the index, reused by every query and kept clean between queries.

A query scatters per-document values into a buffer at the documents it touches, gathers
them back where it needs them, and zeroes those places again: work proportional to the
documents touched, never to the size of the catalog. One query at a time (the index lock).
"""

from __future__ import annotations

import numpy as np

FLOATS = ("best", "name", "short", "full", "first", "joined", "cols")


class Scratch:
    def __init__(self) -> None:
        self.size = 0
        self.mark = np.zeros(0, dtype=bool)
        self.pos = np.zeros(0, dtype=np.int32)
        # bit i: the document holds term i of the query (or earlier word i, autocomplete);
        # `named`: holds it in its name (what its children inherit as context)
        self.terms = np.zeros(0, dtype=np.uint16)
        self.named = np.zeros(0, dtype=np.uint16)
        for name in FLOATS:
            setattr(self, name, np.zeros(0, dtype=np.float32))

    def ensure(self, n: int) -> Scratch:
        """Room for documents 0..n (slot n stays zero: it stands for 'no parent')."""
        if n + 1 > self.size:
            self.size = max(n + 1, int(self.size * 1.5))
            self.mark = np.zeros(self.size, dtype=bool)
            self.pos = np.zeros(self.size, dtype=np.int32)
            self.terms = np.zeros(self.size, dtype=np.uint16)
            self.named = np.zeros(self.size, dtype=np.uint16)
            for name in FLOATS:
                setattr(self, name, np.zeros(self.size, dtype=np.float32))
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
