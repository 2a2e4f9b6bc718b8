"""Scoring the documents a query touches, in compiled loops over the postings of its terms
(catalog.search.kernels).

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
The kernel reads its weights from the tables below.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np

from catalog.search import kernels
from catalog.search.docs import Kind
from catalog.search.index import (
    DESCRIPTION,
    NAME,
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


def boosts(has_desc: np.ndarray, kind: np.ndarray, owned: np.ndarray, degree: np.ndarray
           ) -> np.ndarray:
    """The small static boosts of documents (owned, degree: own or inherited)."""
    deg = np.log1p(degree.astype(np.float32)) / np.log1p(DEGREE_SATURATION)
    return (BOOST_DOCUMENTED * has_desc + BOOST_OWNED * owned
            + BOOST_DEGREE * np.minimum(deg, 1.0) + _PRIOR[kind]).astype(np.float32)


_TIERS = np.array([EXACT_NAME, NAME_PREFIX, ALL_IN_NAME, QUALIFIED_NAME], dtype=np.float32)
MAX_WEIGHTS = 8  # candidate weights of a term: one byte each of a uint64 (kernels.score)


def _lists(index, terms: list[Term]):
    """The posting lists of the terms' candidates as one array, and per list its term and
    its candidate weight's place among the term's weights."""
    parts, term_of, group_of = [], [], []
    weights = np.zeros((len(terms), MAX_WEIGHTS), dtype=np.float32)
    ngroups = np.zeros(len(terms), dtype=np.int64)
    for i, term in enumerate(terms):
        groups = sorted({np.float32(c.weight) for c in term.candidates}, reverse=True)
        assert len(groups) <= MAX_WEIGHTS, "one byte per candidate weight"
        weights[i, :len(groups)] = groups
        ngroups[i] = len(groups)
        for c in term.candidates:
            for plist in index.lists(c.token):
                parts.append(np.frombuffer(plist, dtype=np.uint32))
                term_of.append(i)
                group_of.append(groups.index(np.float32(c.weight)))
    starts = np.zeros(len(parts) + 1, dtype=np.int64)
    np.cumsum([p.size for p in parts], out=starts[1:])
    flat = parts[0] if len(parts) == 1 else (
        np.concatenate(parts) if parts else np.zeros(0, dtype=np.uint32))
    return (flat, starts, np.array(term_of, dtype=np.int64),
            np.array(group_of, dtype=np.int64), weights, ngroups)


class Scorer:
    """A query's matches: the documents its terms touch, how many terms each matches (all
    of them, for totals and facets) in compiled passes (catalog.search.kernels); then the
    scores of the documents kept, often far fewer."""

    def __init__(self, index, terms: list[Term], s: Scratch, derived, lane: int = 0) -> None:
        docs = index.docs
        n = docs.n
        s.ensure(n)
        pos, bits = s.lanes[lane]
        flat, starts, term_of, group_of, weights, ngroups = _lists(index, terms)
        kind, up = docs.view("kind"), derived.up
        self.docs, rowkind, parent = kernels.touched(flat, kind, up, n, int(Kind.COLUMN),
                                                     bits, pos)
        size, nterms = self.docs.size, len(terms)
        self._parts = (np.zeros(size * nterms, dtype=np.uint64),   # packed
                       np.zeros(size * nterms, dtype=np.float32),  # colmax
                       np.empty(size, dtype=np.int16))              # matched
        kernels.match(flat, starts, term_of, group_of, weights, ngroups, self.docs, rowkind,
                      parent, pos, _CTX, MASK_WEIGHT, np.float32(COLUMNS_WEIGHT),
                      int(Kind.COLUMN), *self._parts)
        self.matched = self._parts[2]
        self._weights = weights, ngroups
        self._arrays = (self.docs, rowkind, parent, _CTX, MASK_WEIGHT, derived.boost,
                        docs.view("n_short"), docs.view("n_full"), docs.view("n_core"),
                        int(Kind.COLUMN), _TIERS)

    def scores(self, at: np.ndarray) -> np.ndarray:
        """Scores of the documents self.docs[at]."""
        return kernels.score(np.asarray(at, dtype=np.int64), *self._parts,
                             *self._weights, *self._arrays)


def top(scores: np.ndarray, k: int) -> np.ndarray:
    """Positions of the first `k` scores, highest first; equal scores in position order
    (positions follow document numbers, so pages are stable)."""
    return kernels.top(np.asarray(scores, dtype=np.float32), int(k))


_LANE = ThreadPoolExecutor(1, thread_name_prefix="search-lane")
MATCHED_SCALE = 840  # terms matched are compared across readings as a share of this


class Readings:
    """The scorers of a query's readings (as typed, split, joined) as one: a document's
    share of terms matched and its score are the best over the readings that find it
    (times the reading's weight, below 1 for the other readings: ties go to the query as
    typed)."""

    def __init__(self, index, readings, s: Scratch, derived) -> None:
        self.readings = readings
        # the other readings on a second thread (the loops release the GIL): a query read
        # two ways takes about as long as one read one way, on a machine with a core free
        second = _LANE.submit(self._score, index, readings[1::2], s, derived, 1) \
            if len(readings) > 1 else None
        first = self._score(index, readings[::2], s, derived, 0)
        later = second.result() if second else []
        self.scorers = [(first if i % 2 == 0 else later)[i // 2] for i in range(len(readings))]
        if len(self.scorers) == 1:
            share = self.scorers[0].matched.astype(np.int32) * MATCHED_SCALE \
                // max(len(readings[0].terms), 1)
            self.docs, self.matched = self.scorers[0].docs, share.astype(np.int16)
            return
        assert len(self.scorers) <= 3, "readings: as typed, split, joined"
        none = np.zeros(0, np.int64), np.zeros(0, np.int16)
        docs = [(sc.docs, sc.matched) for sc in self.scorers] + [none] * 2
        terms = np.array([max(len(r.terms), 1) for r in readings] + [1] * 2, dtype=np.int64)
        self.docs, self.rows, self.matched = kernels.merge(
            docs[0][0], docs[1][0], docs[2][0], docs[0][1], docs[1][1], docs[2][1],
            terms[:3], MATCHED_SCALE)

    @staticmethod
    def _score(index, readings, s: Scratch, derived, lane: int) -> list[Scorer]:
        return [Scorer(index, r.terms, s, derived, lane) for r in readings]

    def _each(self, at: np.ndarray):
        """(reading number, positions in `at`, rows in its scorer) per reading."""
        for i in range(len(self.scorers)):
            rows = self.rows[i][at]
            found = np.flatnonzero(rows >= 0)
            yield i, found, rows[found]

    def scores(self, at: np.ndarray) -> np.ndarray:
        if len(self.scorers) == 1:
            return self.scorers[0].scores(at)
        best = np.zeros(len(at), dtype=np.float32)
        for i, found, rows in self._each(at):
            if found.size:
                best[found] = np.maximum(best[found], self.scorers[i].scores(rows)
                                         * np.float32(self.readings[i].weight))
        return best

    def readings_of(self, at: np.ndarray) -> list:
        """The reading that gives each of the documents self.docs[at] its score (for
        explanations): one pass per reading over the whole page, not one per document."""
        if len(self.scorers) == 1:
            return [self.readings[0]] * len(at)
        best = np.full(len(at), -1.0)
        which = np.zeros(len(at), dtype=np.intp)
        for i, found, pos in self._each(at):
            if found.size:
                score = self.scorers[i].scores(pos).astype(np.float64) \
                    * self.readings[i].weight
                better = score > best[found]  # ties keep the earlier reading
                best[found[better]] = score[better]
                which[found[better]] = i
        return [self.readings[w] for w in which]
