"""The compiled loops that find and score the documents a query touches (numba).

A query's work is proportional to the postings of its terms, but numpy spends a pass and a
temporary array per operation, some fifty per term, each with scattered reads into arrays
as long as the catalog. A query naming a million documents took half a second at the xl
scale. Here each step is one loop that keeps a document's values in registers. The
arithmetic is rank's formula with the same float32 operations in the same order, so
rankings do not move (see catalog.search.rank for what the numbers mean).
"""

from __future__ import annotations

import numpy as np
from numba import njit

from catalog.search.index import FIRST, JOINED, NAME, NAMED, SHIFT

FIELDS = (1 << SHIFT) - 1
SEEN = 1 << SHIFT  # set in a term's byte for every posting: "holds the term" in one test
# lowest set bit -> its index, by a de Bruijn sequence (numba has no count-trailing-zeros)
_MAGIC = 0x03F79D71B4CB0A89
_DEBRUIJN = np.zeros(64, dtype=np.int64)
for _i in range(64):
    _DEBRUIJN[(((1 << _i) * _MAGIC) % (1 << 64)) >> 58] = _i


@njit(cache=True, nogil=True, inline="always")
def _mark(bits, d):  # pragma: no cover - compiled
    """Set bit d; 1 when it was clear."""
    w, b = d >> 6, np.int64(1) << (d & 63)
    if bits[w] & b:
        return 0
    bits[w] |= b
    return 1


@njit(cache=True, nogil=True)
def touched(flat, kind, up, n, column, bits, pos):  # pragma: no cover - compiled
    """The distinct documents of the postings `flat` and the parents of the columns they
    name, sorted (a document's row: its place); each row's kind and parent row (-1: its
    parent is not touched). `bits`, a bitmap over all documents, is left zeroed; `pos` is
    left holding each document's row + 1 for `match`, which zeroes it."""
    count = 0
    for j in range(flat.size):
        d = np.int64(flat[j]) >> SHIFT
        count += _mark(bits, d)
        if kind[d] == column and (flat[j] & NAMED) != 0 and up[d] < n:
            count += _mark(bits, up[d])
    docs = np.empty(count, dtype=np.int64)
    rowkind = np.empty(count, dtype=np.int8)
    parent = np.empty(count, dtype=np.int32)
    r, later = 0, 0
    for w in range((n >> 6) + 1):
        x = bits[w]
        if x != 0:
            bits[w] = 0
            while x != 0:
                low = x & -x
                d = (w << 6) + _DEBRUIJN[((low * _MAGIC) >> 58) & 63]
                docs[r], rowkind[r] = d, kind[d]
                pos[d] = r + 1
                p = up[d]
                if p >= n:
                    parent[r] = -1
                elif p < d:  # placed already, if touched
                    parent[r] = pos[p] - 1
                else:
                    parent[r], later = -2, later + 1
                r += 1
                x ^= low
    if later:
        for r in range(count):
            if parent[r] == -2:
                parent[r] = pos[up[docs[r]]] - 1
    return docs, rowkind, parent


@njit(cache=True, nogil=True, inline="always")
def _name(x, weights, i, ng, mask_weight):  # pragma: no cover - compiled
    """Term i's name value in one document: the best weight times its field weight."""
    out = np.float32(0)
    for g in range(ng):
        byte = np.int64((x >> np.uint64(8 * g)) & np.uint64(0xFF))
        if byte & NAMED:
            v = mask_weight[byte & NAMED] * weights[i, g]
            if v > out:
                out = v
    return out


@njit(cache=True, nogil=True)
def match(flat, starts, term_of, group_of, weights, ngroups, docs, rowkind, parent, pos,
          ctx, mask_weight, columns_w, column, packed, colmax,
          matched):  # pragma: no cover - compiled
    """Fill what the scores of touched's rows are made of, and how many terms each
    matches (`matched`); zero `pos`.

    A posting list l holds term term_of[l]'s candidates of weight weights[term, group_of[l]];
    a document's field bits for a term are kept as one byte per candidate weight (`packed`,
    a row per document, zeroed by the caller; a byte's top bit says "holds the term").
    `colmax` (zeroed) is a dataset's best column name per term."""
    nterms = ngroups.size
    size = docs.size
    held = np.zeros(size, dtype=np.int32)   # bit i: holds term i (own fields, columns)
    named = np.zeros(size, dtype=np.int32)  # bit i: holds term i in its name
    for li in range(starts.size - 1):
        i, shift = term_of[li], np.uint64(8 * group_of[li])
        bit = np.int32(1 << i)
        for j in range(starts[li], starts[li + 1]):
            p = np.int64(flat[j])
            r = pos[p >> SHIFT] - 1
            packed[r * nterms + i] |= np.uint64((p & FIELDS) | SEEN) << shift
            held[r] |= bit
            if p & NAMED:
                named[r] |= bit
    # a dataset holds a term its columns name, scored as the best such column
    for r in range(size):
        pos[docs[r]] = 0
        pr = parent[r]
        if pr < 0 or named[r] == 0 or rowkind[r] != column:
            continue
        held[pr] |= named[r]
        for i in range(nterms):
            if named[r] & (1 << i):
                v = _name(packed[r * nterms + i], weights, i, ngroups[i], mask_weight) \
                    * columns_w
                if v > colmax[pr * nterms + i]:
                    colmax[pr * nterms + i] = v
    for r in range(size):
        k = rowkind[r]
        h = held[r]
        if parent[r] >= 0 and k >= 0 and ctx[k] > 0:  # a parent's name
            h |= named[parent[r]]
        m = 0
        while h:
            h &= h - 1
            m += 1
        matched[r] = m


@njit(cache=True, nogil=True)
def score(at, packed, colmax, matched, weights, ngroups, docs, rowkind, parent, ctx,
          mask_weight, boost, n_short, n_full, n_core, column,
          consts):  # pragma: no cover - compiled
    """Scores (float32) of the rows `at` of match's arrays. consts: the name tiers exact,
    prefix, all-in-name and qualified."""
    nterms = ngroups.size
    exact_w, prefix_w, all_w, qual_w = consts[0], consts[1], consts[2], consts[3]
    scores = np.zeros(at.size, dtype=np.float32)
    for a in range(at.size):
        r = at[a]
        d = docs[r]
        k = rowkind[r]
        c = ctx[k] if k >= 0 else np.float32(0)
        pr = parent[r]
        total = np.float32(0)
        min_short, min_full, min_qual = np.float32(1), np.float32(1), np.float32(1)
        first_w = np.float32(0)
        own_cnt, joins = 0, 0
        for i in range(nterms):
            x = packed[r * nterms + i]
            best, short, full, first, joined = (np.float32(0), np.float32(0),
                                                np.float32(0), np.float32(0),
                                                np.float32(0))
            for g in range(ngroups[i]):
                byte = np.int64((x >> np.uint64(8 * g)) & np.uint64(0xFF))
                if byte == 0:
                    continue
                wg = weights[i, g]
                v = mask_weight[byte & FIELDS] * wg
                if v > best:
                    best = v
                if byte & NAMED and wg > full:
                    full = wg
                if byte & NAME and wg > short:
                    short = wg
                if byte & FIRST and wg > first:
                    first = wg
                if byte & JOINED and wg > joined:
                    joined = wg
            pname = _name(packed[pr * nterms + i], weights, i, ngroups[i], mask_weight) \
                if pr >= 0 else np.float32(0)
            v = pname * c
            if v > best:
                best = v
            v = colmax[r * nterms + i]
            if v > best:
                best = v
            total += best
            if short > 0:
                own_cnt += 1
                if joined >= short:
                    joins += 1
            q = short if short > pname else pname
            if q < min_qual:
                min_qual = q
            if short < min_short:
                min_short = short
            if full < min_full:
                min_full = full
            if i == 0:
                first_w = first
        share = np.float32(matched[r]) / np.float32(max(nterms, 1))
        coverage = share * share
        ns, nf, nc = np.int64(n_short[d]) - joins, np.int64(n_full[d]) - joins, \
            np.int64(n_core[d]) - joins
        exact = exact_w * min_short if (ns == nterms or nc == nterms) else np.float32(0)
        e2 = exact_w * min_full if nf == nterms else np.float32(0)
        if e2 > exact:
            exact = e2
        tier = prefix_w * (min_full if min_full < first_w else first_w)
        if exact > tier:
            tier = exact
        v = all_w * min_full
        if v > tier:
            tier = v
        if k == column and own_cnt < nterms and own_cnt == nc:
            v = qual_w * min_qual
            if v > tier:
                tier = v
        scores[a] = (total * coverage + tier) * (np.float32(1) + boost[d])
    return scores


@njit(cache=True, nogil=True)
def merge(a, b, c, ma, mb, mc, terms, scale):  # pragma: no cover - compiled
    """The sorted union of three sorted arrays of distinct documents (the readings of a
    query), for each of its documents its place in a, b and c (-1: not there), and its
    best share of terms matched: ma[row] * scale // terms[0] for a, and so on."""
    out = np.empty(a.size + b.size + c.size, dtype=np.int64)
    rows = np.empty((3, out.size), dtype=np.int32)
    matched = np.empty(out.size, dtype=np.int16)
    i = j = k = r = 0
    big = np.iinfo(np.int64).max
    while i < a.size or j < b.size or k < c.size:
        x = a[i] if i < a.size else big
        y = b[j] if j < b.size else big
        z = c[k] if k < c.size else big
        d = min(x, y, z)
        out[r] = d
        m = 0
        rows[0, r] = rows[1, r] = rows[2, r] = -1
        if x == d:
            rows[0, r] = i
            m = max(m, np.int64(ma[i]) * scale // terms[0])
            i += 1
        if y == d:
            rows[1, r] = j
            m = max(m, np.int64(mb[j]) * scale // terms[1])
            j += 1
        if z == d:
            rows[2, r] = k
            m = max(m, np.int64(mc[k]) * scale // terms[2])
            k += 1
        matched[r] = m
        r += 1
    return out[:r], rows[:, :r], matched[:r]
