"""Scoring the documents a query touches, with numpy over the postings of its terms.

score = (coverage * sum(term scores) + name tier) * (1 + boosts), where
- a term scores its best match: tier weight (exact 1, synonym .85, prefix .7, fuzzy .6/.45)
  times field weight (name 1 > qualifier .6 (db.schema of db.schema.table) > columns .5 =
  owning dataset .5 > tags .5 > description .3 > product/domain .3 > namespace .2); a
  document found by its own fields also scores its parent's name (a column its dataset's,
  a dataset its product's, a product its domain's), and a dataset its columns' names;
- coverage = (terms matched / terms)^2, and only the documents that match the most terms are
  kept (all of them when some document matches all of them);
- the name tier adds 1.5 when the query is the name (its last dotted part or all of it),
  0.8 when every term is in the name and the first starts it, 0.4 when every term is in it,
  each times the weakest term's tier weight;
- boosts (documented .02, owned .03, lineage degree up to .05) and a kind prior (datasets
  .05, products and domains .04, jobs .02) are a few per cent: they order similar matches.
Work is proportional to the postings read, not to the size of the catalog (see scratch).
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass

import numpy as np

from catalog.search.docs import Kind
from catalog.search.index import (
    DESCRIPTION,
    FIRST,
    JOINED,
    NAME,
    NAMED,
    NAMESPACE,
    QUALIFIER,
    SHIFT,
    TAGS,
)
from catalog.search.query import Term
from catalog.search.scratch import Scratch

FIELD_WEIGHT = {NAME: 1.0, QUALIFIER: 0.6, TAGS: 0.5, DESCRIPTION: 0.3, NAMESPACE: 0.2}
COLUMNS_WEIGHT = 0.5
# weight of the parent's name: a column's dataset, a dataset's product, a product's domain
CONTEXT_WEIGHT = {Kind.COLUMN: 0.5, Kind.DATASET: 0.3, Kind.DATA_PRODUCT: 0.3}
CONTEXT_FIELD = {Kind.COLUMN: "dataset", Kind.DATASET: "dataProduct",
                 Kind.DATA_PRODUCT: "domain"}
EXACT_NAME, NAME_PREFIX, ALL_IN_NAME = 1.5, 0.8, 0.4
# a column named with its dataset ("film rating": the query is the dataset's words and the
# whole column name): above the dataset found by its name and the column's
QUALIFIED_NAME = 1.2
KIND_PRIOR = {Kind.DATASET: 0.05, Kind.COLUMN: 0.0, Kind.JOB: 0.02, Kind.DATA_PRODUCT: 0.04,
              Kind.DOMAIN: 0.04}
BOOST_DOCUMENTED, BOOST_OWNED, BOOST_DEGREE, DEGREE_SATURATION = 0.02, 0.03, 0.05, 50

MASK_WEIGHT = np.array([max((w for bit, w in FIELD_WEIGHT.items() if m & bit), default=0.0)
                        for m in range(1 << SHIFT)], dtype=np.float32)
_CTX = np.zeros(len(Kind) + 1, dtype=np.float32)
for _k, _w in CONTEXT_WEIGHT.items():
    _CTX[_k] = _w
_PRIOR = np.zeros(len(Kind) + 1, dtype=np.float32)
for _k, _w in KIND_PRIOR.items():
    _PRIOR[_k] = _w


@dataclass
class _Own:
    """One term's matches in documents' own fields (sparse: `docs` and values per doc)."""
    docs: np.ndarray
    best: np.ndarray
    name: np.ndarray
    short: np.ndarray
    full: np.ndarray
    first: np.ndarray
    # the short-name match is a word two of the name's parts spell; None when no candidate
    # token of the term is such a word (most terms: their scoring skips it)
    joined: np.ndarray | None


def boosts(has_desc: np.ndarray, kind: np.ndarray, owned: np.ndarray, degree: np.ndarray
           ) -> np.ndarray:
    """The small static boosts of documents (owned, degree: own or inherited)."""
    deg = np.log1p(degree.astype(np.float32)) / np.log1p(DEGREE_SATURATION)
    return (BOOST_DOCUMENTED * has_desc + BOOST_OWNED * owned
            + BOOST_DEGREE * np.minimum(deg, 1.0) + _PRIOR[kind]).astype(np.float32)


def postings(plist) -> tuple[np.ndarray, np.ndarray]:
    raw = np.frombuffer(plist, dtype=np.uint32)
    return (raw >> SHIFT).astype(np.intp), raw & ((1 << SHIFT) - 1)


def _values(d: np.ndarray, bits: np.ndarray, w: np.float32, first_term: bool,
            with_joined: bool):
    named = (bits & NAMED) != 0
    name = np.where(named, MASK_WEIGHT[bits & NAMED] * w, 0).astype(np.float32)
    full = np.where(named, w, 0).astype(np.float32)
    short = np.where((bits & NAME) != 0, w, 0).astype(np.float32)
    first = (np.where((bits & FIRST) != 0, w, 0).astype(np.float32) if first_term
             else np.zeros(d.size, dtype=np.float32))
    joined = np.where((bits & JOINED) != 0, w, 0).astype(np.float32) if with_joined else None
    return MASK_WEIGHT[bits] * w, name, short, full, first, joined


def _own(index, term: Term, s: Scratch, n: int, first_term: bool) -> _Own:
    """Best values per document over the candidates of `term` (max per field).

    Every value is a weight times a function of the posting's field bits that is the
    largest over the bits set, so within one candidate weight or'ing the bits of a document
    loses nothing: the posting lists are or'ed into one byte per weight (`s.fields`, one
    scattered write per list), and the values computed once per weight over the documents
    found, instead of six scattered maxima per list."""
    lists = [(np.float32(c.weight), plist) for c in term.candidates
             for plist in index.lists(c.token)]
    with_joined = any(c.token in index.joined_tokens for c in term.candidates)
    if len(lists) <= 1:  # the common case: one posting list, each document once
        w, plist = lists[0] if lists else (np.float32(0), array("I"))
        d, bits = postings(plist)
        return _Own(d, *_values(d, bits, w, first_term, with_joined))
    weights = sorted({w for w, _ in lists}, reverse=True)
    assert len(weights) <= 8, "one byte of s.fields per candidate weight"
    shift = {w: np.uint64(8 * g) for g, w in enumerate(weights)}
    fields, parts = s.fields, []
    for w, plist in lists:
        d, bits = postings(plist)
        fields[d] |= bits.astype(np.uint64) << shift[w]
        parts.append(d)
    t = s.unique(parts, n)
    packed = fields[t]
    fields[t] = 0
    out: list[np.ndarray | None] | None = None
    for w, at in shift.items():
        vals = _values(t, ((packed >> at) & np.uint64(0xFF)).astype(np.uint32), w,
                       first_term, with_joined)
        if out is None:
            out = list(vals)
            continue
        for acc, v in zip(out, vals, strict=True):
            if acc is not None:
                np.maximum(acc, v, out=acc)
    return _Own(t, *out)


def _take(values: np.ndarray, pos: np.ndarray) -> np.ndarray:
    """values[pos - 1] where pos > 0 (a position map's answer), else 0."""
    if not values.size:
        return np.zeros(pos.size, dtype=np.float32)
    return np.where(pos > 0, values[pos - 1], 0).astype(np.float32)


class Scorer:
    """A query's matches: first which documents match how many terms (all of them, for
    totals and facets), then full scores for the documents kept (often far fewer)."""

    def __init__(self, index, terms: list[Term], s: Scratch, derived) -> None:
        self.index, self.terms, self.s, self.derived = index, terms, s, derived
        docs = index.docs
        n = self.n = docs.n
        s.ensure(n)
        kind, up = docs.view("kind"), derived.up
        self.own = [_own(index, term, s, n, i == 0) for i, term in enumerate(terms)]
        # a dataset is found by its columns' names: the parents of named columns join in
        self.cols = []
        for o in self.own:
            named = (kind[o.docs] == Kind.COLUMN) & (o.name > 0)
            cols = o.docs[named]
            self.cols.append((up[cols], o.name[named] * np.float32(COLUMNS_WEIGHT)))
        u = s.unique([o.docs for o in self.own] + [p[p < n] for p, _ in self.cols], n)
        self.docs = u
        # which terms each document holds: its own fields or, for a dataset, a column's
        # name (bits of s.terms), or its parent's name (bits of s.named, read at the
        # parent); set once per term, read once per document (MAX_TERMS <= 16 bits)
        for i, (o, (parents, _)) in enumerate(zip(self.own, self.cols, strict=True)):
            bit = np.uint16(1 << i)
            s.terms[o.docs] |= bit
            s.terms[parents] |= bit
            s.named[o.docs[o.name > 0]] |= bit
        held = s.terms[u] | (s.named[up[u]] * (_CTX[kind[u]] > 0))
        matched = np.bitwise_count(held).astype(np.int16)
        s.terms[u] = 0  # u holds every document set above (sorted: one sweep), and n
        s.terms[n] = 0
        s.named[u] = 0
        self.matched = matched

    def scores(self, at: np.ndarray) -> np.ndarray:
        """Scores of the documents self.docs[at]."""
        s, n, derived = self.s, self.n, self.derived
        docs = self.index.docs
        k = self.docs[at]
        kk, pk = docs.view("kind")[k], derived.up[k]
        total = np.zeros(k.size, dtype=np.float32)
        min_short = np.ones(k.size, dtype=np.float32)
        min_full = np.ones(k.size, dtype=np.float32)
        first_w = np.zeros(k.size, dtype=np.float32)
        own_cnt = np.zeros(k.size, dtype=np.int16)
        joins = np.zeros(k.size, dtype=np.int16)  # terms each standing for two name words
        min_qual = np.ones(k.size, dtype=np.float32)
        for i, (o, (parents, colw)) in enumerate(zip(self.own, self.cols, strict=True)):
            s.pos[o.docs] = np.arange(1, o.docs.size + 1, dtype=np.int32)
            here, there = s.pos[k], s.pos[pk]
            s.pos[o.docs] = 0
            best = _take(o.best, here)
            ctx = _take(o.name, there) * _CTX[kk]
            np.maximum(best, ctx, out=best)
            if parents.size:
                np.maximum.at(s.cols, parents, colw)
                np.maximum(best, s.cols[k], out=best)
                s.cols[parents] = 0
                s.cols[n] = 0
            total += best
            own_short = _take(o.short, here)
            own_cnt += own_short > 0
            if o.joined is not None:
                joins += (_take(o.joined, here) >= own_short) & (own_short > 0)
            np.minimum(min_qual, np.maximum(own_short, _take(o.name, there)), out=min_qual)
            np.minimum(min_short, own_short, out=min_short)
            np.minimum(min_full, _take(o.full, here), out=min_full)
            if i == 0:
                first_w = _take(o.first, here)
        nterms = len(self.terms)
        matched = self.matched[at].astype(np.float32)
        coverage = (matched / np.float32(max(nterms, 1))) ** 2
        n_core = docs.view("n_core")[k] - joins
        tier = name_tier(docs.view("n_short")[k] - joins, docs.view("n_full")[k] - joins,
                         nterms, min_short, min_full, first_w, n_core)
        qualified = (kk == Kind.COLUMN) & (own_cnt < nterms) & (own_cnt == n_core)
        np.maximum(tier, QUALIFIED_NAME * min_qual * qualified, out=tier)
        return (total * coverage + tier) * (1 + derived.boost[k])


def name_tier(n_short, n_full, nterms: int, min_short, min_full, first_w,
              n_core=None) -> np.ndarray:
    """The name bonus: exact name > name prefix > all terms in the name, each scaled by the
    weakest term's tier weight (so an exact name typed with a typo ranks below the same
    name typed right, and above a partial match)."""
    same = n_short == nterms if n_core is None else (n_short == nterms) | (n_core == nterms)
    exact = np.maximum(EXACT_NAME * min_short * same,
                       EXACT_NAME * min_full * (n_full == nterms))
    prefix = NAME_PREFIX * np.minimum(min_full, first_w)
    return np.maximum(np.maximum(exact, prefix), ALL_IN_NAME * min_full).astype(np.float32)


def top(scores: np.ndarray, k: int) -> np.ndarray:
    """Positions of the first `k` scores, highest first; equal scores in position order
    (positions follow document numbers, so pages are stable)."""
    n = scores.size
    if n > k:
        kth = np.partition(scores, n - k)[n - k]
        above = np.flatnonzero(scores > kth)
        idx = np.concatenate([above, np.flatnonzero(scores == kth)[: k - above.size]])
    else:
        idx = np.arange(n)
    order = np.lexsort((idx, -scores[idx]))
    return idx[order[:k]]


MATCHED_SCALE = 840  # terms matched are compared across readings as a share of this


class Readings:
    """The scorers of a query's readings (as typed, split, joined) as one: a document's
    share of terms matched and its score are the best over the readings that find it
    (times the reading's weight, below 1 for the other readings: ties go to the query as
    typed)."""

    def __init__(self, index, readings, s: Scratch, derived) -> None:
        self.readings = readings
        self.scorers = [Scorer(index, r.terms, s, derived) for r in readings]
        shares = [(sc.matched.astype(np.int32) * MATCHED_SCALE // max(len(r.terms), 1))
                  for sc, r in zip(self.scorers, readings, strict=True)]
        if len(self.scorers) == 1:
            self.docs, self.matched = self.scorers[0].docs, shares[0].astype(np.int16)
            return
        u = s.unique([sc.docs for sc in self.scorers], index.docs.n)
        matched = np.zeros(u.size, dtype=np.int16)
        for sc, share in zip(self.scorers, shares, strict=True):
            pos = np.searchsorted(u, sc.docs)
            np.maximum.at(matched, pos, share.astype(np.int16))
        self.docs, self.matched = u, matched

    def _each(self, k: np.ndarray):
        """(reading number, positions in k, positions in its scorer) per reading."""
        for i, sc in enumerate(self.scorers):
            pos = np.searchsorted(sc.docs, k)
            pos = np.minimum(pos, max(sc.docs.size - 1, 0))
            found = np.flatnonzero(sc.docs[pos] == k) if sc.docs.size else np.zeros(0, int)
            yield i, found, pos[found]

    def scores(self, at: np.ndarray) -> np.ndarray:
        if len(self.scorers) == 1:
            return self.scorers[0].scores(at)
        k = self.docs[at]
        best = np.zeros(k.size, dtype=np.float32)
        for i, found, pos in self._each(k):
            if found.size:
                np.maximum.at(best, found,
                              self.scorers[i].scores(pos) * np.float32(self.readings[i].weight))
        return best

    def readings_of(self, ds: np.ndarray) -> list:
        """The reading that gives each document its score (for explanations): one pass
        per reading over the whole page, not one per document (search's hot spot)."""
        if len(self.scorers) == 1:
            return [self.readings[0]] * int(ds.size)
        k = np.asarray(ds, dtype=np.intp)
        best = np.full(k.size, -1.0)
        which = np.zeros(k.size, dtype=np.intp)
        for i, found, pos in self._each(k):
            if found.size:
                score = self.scorers[i].scores(pos).astype(np.float64) \
                    * self.readings[i].weight
                better = score > best[found]  # ties keep the earlier reading
                best[found[better]] = score[better]
                which[found[better]] = i
        return [self.readings[w] for w in which]
