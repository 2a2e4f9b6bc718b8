"""Autocomplete's compiled loops: which documents name the earlier words of a prefix, and
the best distinct names a token completes (numba, like the rest of catalog.search.kernels)."""

from __future__ import annotations

import numpy as np
from numba import njit

from catalog.search.index import FIRST, NAME, NAMED, SHIFT
from catalog.search.kernels import heap


@njit(cache=True, nogil=True)
def mark_named(plist, heads, bit):  # pragma: no cover - compiled
    """heads[d] |= bit for each document naming the token of `plist` (bit 0: clear)."""
    for p in plist:
        if p & NAMED:
            d = np.int64(p) >> SHIFT
            heads[d] = heads[d] | bit if bit else 0


@njit(cache=True, nogil=True)
def complete(plist, alive, kinds, kind_ok, heads, up, boost, top_boost, name, where, every,
             whole, shorter, keep):  # pragma: no cover - compiled
    """The `keep` best names completed by the token of `plist`, one document each (its
    best; ties: the earlier document), with their scores.

    Eligible: alive, of a kind asked for, holding every earlier word in its name or its
    parent's. A name the token starts scores 1, the typed word itself `whole`, holding the
    earlier words itself 1.5, each letter more than typed `shorter` less. `name` is the
    name code of each document; `where` (zero, left zeroed) the heap place + 1 of a name.
    Once the heap is full, a posting that cannot beat its worst even with the highest
    boost (`top_boost`) is passed over unread."""
    heap_d = np.empty(keep, dtype=np.int64)
    heap_s = np.empty(keep, dtype=np.float32)
    size = 0
    for p in plist:
        if not p & NAME:
            continue
        if size == keep and 1.0 * (p & FIRST != 0) + whole - shorter + 1.5 + top_boost \
                + 1e-6 <= heap_s[0]:
            continue
        d = np.int64(p) >> SHIFT
        if not alive[d] or not kind_ok[kinds[d]]:
            continue
        own = True
        if every:
            mine = heads[d]
            if (mine | heads[up[d]]) != every:
                continue
            own = mine == every
        score = np.float32(1.0 * (p & FIRST != 0) + whole - shorter + 1.5 * own
                           + np.float64(boost[d]))
        if size == keep and score <= heap_s[0]:  # below every name held, its own too
            continue
        at = where[name[d]] - 1
        if at >= 0 and kinds[heap_d[at]] == kinds[d]:  # this name is held: keep its best
            if score > heap_s[at]:
                heap_d[at], heap_s[at] = d, score
                heap.sift_down(heap_d, heap_s, name, where, at, size)
            continue
        if size < keep:
            c = size
            heap_d[c], heap_s[c] = d, score
            where[name[d]] = c + 1
            size += 1
            heap.sift_up(heap_d, heap_s, name, where, c)
        elif score > heap_s[0]:
            if where[name[heap_d[0]]] == 1:
                where[name[heap_d[0]]] = 0
            heap_d[0], heap_s[0] = d, score
            where[name[d]] = 1
            heap.sift_down(heap_d, heap_s, name, where, 0, size)
    for i in range(size):
        where[name[heap_d[i]]] = 0
    return heap_d[:size], heap_s[:size]
