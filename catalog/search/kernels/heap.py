"""One bounded heap for the kernels that keep the best k of a stream (search's top hits,
autocomplete's best names): its worst entry at the root, so a better newcomer replaces it.

An entry is a key (a position or a document) in `keys` and its score in `scores`; it ranks
below another with a lower score, or the same score and a larger key, so equal scores keep
the earlier key. `name`/`where` let autocomplete find a name's entry: when `where` is not
empty, where[name[key]] is the entry's place + 1, kept up to date by every move.
"""

from __future__ import annotations

from numba import njit


@njit(cache=True, nogil=True, inline="always")
def below(keys, scores, a, b):  # pragma: no cover - compiled
    """Entry a ranks below entry b."""
    return scores[a] < scores[b] or (scores[a] == scores[b] and keys[a] > keys[b])


@njit(cache=True, nogil=True, inline="always")
def swap(keys, scores, name, where, a, b):  # pragma: no cover - compiled
    keys[a], keys[b] = keys[b], keys[a]
    scores[a], scores[b] = scores[b], scores[a]
    if where.size:
        where[name[keys[a]]] = a + 1
        where[name[keys[b]]] = b + 1


@njit(cache=True, nogil=True, inline="always")
def sift_up(keys, scores, name, where, c):  # pragma: no cover - compiled
    while c > 0 and below(keys, scores, c, (c - 1) >> 1):
        swap(keys, scores, name, where, c, (c - 1) >> 1)
        c = (c - 1) >> 1


@njit(cache=True, nogil=True, inline="always")
def sift_down(keys, scores, name, where, c, size):  # pragma: no cover - compiled
    while True:
        w = c
        for x in (2 * c + 1, 2 * c + 2):
            if x < size and below(keys, scores, x, w):
                w = x
        if w == c:
            return
        swap(keys, scores, name, where, c, w)
        c = w
