"""Choosing and counting among the documents a query kept: the top hits, and the facet
counts (compiled with numba, like the rest of catalog.search.kernels)."""

from __future__ import annotations

import numpy as np
from numba import njit

from catalog.search.kernels import heap


@njit(cache=True, nogil=True)
def top(scores, k):  # pragma: no cover - compiled
    """Positions of the `k` highest scores, highest first; equal scores in position order."""
    size = min(k, scores.size)
    keys = np.empty(size, dtype=np.int64)
    held = np.empty(size, dtype=scores.dtype)
    if size == 0:
        return keys
    untracked = np.empty(0, dtype=np.int64)
    for p in range(size):
        keys[p], held[p] = p, scores[p]
        heap.sift_up(keys, held, untracked, untracked, p)
    for p in range(size, scores.size):
        if scores[p] > held[0]:  # an equal score at a later position ranks below
            keys[0], held[0] = p, scores[p]
            heap.sift_down(keys, held, untracked, untracked, 0, size)
    order = np.argsort(-held, kind="mergesort")
    out = keys[order]
    # equal scores: position order (the heap holds them in no order)
    start = 0
    for e in range(1, size + 1):
        if e == size or scores[out[e]] != scores[out[start]]:
            out[start:e] = np.sort(out[start:e])
            start = e
    return out


@njit(cache=True, nogil=True)
def counts(sel, codes, size):  # pragma: no cover - compiled
    """How many documents of `sel` carry each code (negative: none)."""
    out = np.zeros(size, dtype=np.int64)
    for d in sel:
        c = codes[d]
        if c >= 0:
            out[c] += 1
    return out


@njit(cache=True, nogil=True)
def pair_counts(sel, at, code, size):  # pragma: no cover - compiled
    """How many documents of `sel` carry each value, from the (document, value) pairs
    `at`, `code` sorted by document (`sel` sorted too): one walk along both, galloping
    over the pairs of documents not in `sel`."""
    out = np.zeros(size, dtype=np.int64)
    j, end = 0, at.size
    for d in sel:
        if j < end and at[j] < d:
            step = 1
            while j + step < end and at[j + step] < d:
                j += step
                step <<= 1
            lo, hi = j + 1, min(j + step, end)
            while lo < hi:
                mid = (lo + hi) >> 1
                if at[mid] < d:
                    lo = mid + 1
                else:
                    hi = mid
            j = lo
        while j < end and at[j] == d:
            out[code[j]] += 1
            j += 1
    return out


