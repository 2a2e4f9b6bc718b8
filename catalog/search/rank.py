"""Scoring every document of the index at once, with numpy over the postings of the query.

score = (coverage * sum(term scores) + name tier) * (1 + boosts), where
- a term scores its best match: tier weight (exact 1, synonym .85, prefix .7, fuzzy .6/.45)
  times field weight (name 1 > qualifier .6 (db.schema of db.schema.table) > columns .5 =
  owning dataset .5 > tags .5 > description .3 > product/domain .3 > namespace .2); a
  column is found by its dataset's name, a dataset by its columns' and its product's names;
- coverage = (terms matched / terms)^2, and only the documents that match the most terms are
  kept (all of them when some document matches all of them);
- the name tier adds 1.5 when the query is the name (its last dotted part or all of it),
  0.8 when every term is in the name and the first starts it, 0.4 when every term is in it,
  each times the weakest term's tier weight;
- boosts (documented .02, owned .03, lineage degree up to .05) and a kind prior (datasets
  .05, products and domains .04, jobs .02) are a few per cent: they order similar matches.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from catalog.search.docs import Kind
from catalog.search.index import DESCRIPTION, FIRST, NAME, NAMED, NAMESPACE, QUALIFIER, SHIFT, TAGS
from catalog.search.query import Term

FIELD_WEIGHT = {NAME: 1.0, QUALIFIER: 0.6, TAGS: 0.5, DESCRIPTION: 0.3, NAMESPACE: 0.2}
COLUMNS_WEIGHT = 0.5
# weight of the parent's name: a column's dataset, a dataset's product, a product's domain
CONTEXT_WEIGHT = {Kind.COLUMN: 0.5, Kind.DATASET: 0.3, Kind.DATA_PRODUCT: 0.3}
CONTEXT_FIELD = {Kind.COLUMN: "dataset", Kind.DATASET: "dataProduct",
                 Kind.DATA_PRODUCT: "domain"}
EXACT_NAME, NAME_PREFIX, ALL_IN_NAME = 1.5, 0.8, 0.4
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
class Scores:
    score: np.ndarray            # float32 per document
    matched: np.ndarray          # int16 per document: how many terms it matched

    def results(self, eligible: np.ndarray) -> tuple[np.ndarray, int]:
        """The eligible documents that match the most terms any eligible one matches."""
        keep = eligible & (self.matched > 0)
        if not keep.any():
            return keep, 0
        most = int(self.matched[keep].max())
        return keep & (self.matched == most), most


def boosts(docs, owned: np.ndarray) -> np.ndarray:
    """The small static boosts of every document (owned: own or inherited owners)."""
    degree = np.log1p(docs.view("degree").astype(np.float32)) / np.log1p(DEGREE_SATURATION)
    return (BOOST_DOCUMENTED * docs.view("has_desc") + BOOST_OWNED * owned
            + BOOST_DEGREE * np.minimum(degree, 1.0)
            + _PRIOR[docs.view("kind")]).astype(np.float32)


def _postings(index, token: str) -> tuple[np.ndarray, np.ndarray]:
    raw = np.frombuffer(index.postings[token], dtype=np.uint32)
    return (raw >> SHIFT).astype(np.intp), raw & ((1 << SHIFT) - 1)


def score(index, terms: list[Term], boost: np.ndarray) -> Scores:
    """Scores of all documents for `terms` (every document: filters come after)."""
    docs = index.docs
    n = docs.n
    kind = docs.view("kind")
    parent = docs.view("parent")
    up = np.where(parent >= 0, parent, n)  # gathers from padded arrays: slot n stays zero
    is_column = kind == Kind.COLUMN
    total = np.zeros(n, dtype=np.float32)
    matched = np.zeros(n, dtype=np.int16)
    # per document, the weakest term's tier weight in its name (0: a term is not in it)
    min_short = np.ones(n, dtype=np.float32)
    min_full = np.ones(n, dtype=np.float32)
    first_w = np.zeros(n, dtype=np.float32)
    for i, term in enumerate(terms):
        best = np.zeros(n + 1, dtype=np.float32)
        name = np.zeros(n + 1, dtype=np.float32)    # graded by field, for the context
        short = np.zeros(n + 1, dtype=np.float32)   # tier weight in the name
        full = np.zeros(n + 1, dtype=np.float32)    # tier weight in the qualified name
        first = np.zeros(n + 1, dtype=np.float32)
        for cand in term.candidates:
            d, bits = _postings(index, cand.token)
            w = np.float32(cand.weight)
            best[d] = np.maximum(best[d], MASK_WEIGHT[bits] * w)
            named = (bits & NAMED) != 0
            nd, nbits = d[named], bits[named]
            name[nd] = np.maximum(name[nd], MASK_WEIGHT[nbits & NAMED] * w)
            full[nd] = np.maximum(full[nd], w)
            sd = nd[(nbits & NAME) != 0]
            short[sd] = np.maximum(short[sd], w)
            if i == 0:
                fd = d[(bits & FIRST) != 0]
                first[fd] = np.maximum(first[fd], w)
        best[:n] = np.maximum(best[:n], name[up] * _CTX[kind])
        cols = np.flatnonzero(is_column & (name[:n] > 0))
        if cols.size:
            np.maximum.at(best, up[cols], name[cols] * np.float32(COLUMNS_WEIGHT))
        total += best[:n]
        matched += best[:n] > 0
        np.minimum(min_short, short[:n], out=min_short)
        np.minimum(min_full, full[:n], out=min_full)
        if i == 0:
            first_w = first[:n]
    nterms = len(terms)
    coverage = (matched.astype(np.float32) / np.float32(max(nterms, 1))) ** 2
    out = Scores(total, matched)
    out.score = (total * coverage + name_tier(docs, nterms, min_short, min_full, first_w)
                 ) * (1 + boost)
    return out


def name_tier(docs, nterms: int, min_short, min_full, first_w):
    """The name bonus: exact name > name prefix > all terms in the name, each scaled by the
    weakest term's tier weight (so an exact name typed with a typo ranks below the same
    name typed right, and above a partial match)."""
    exact = np.maximum(EXACT_NAME * min_short * (docs.view("n_short") == nterms),
                       EXACT_NAME * min_full * (docs.view("n_full") == nterms))
    prefix = NAME_PREFIX * np.minimum(min_full, first_w)
    return np.maximum(np.maximum(exact, prefix), ALL_IN_NAME * min_full).astype(np.float32)


def top(scores: np.ndarray, keep: np.ndarray, k: int) -> np.ndarray:
    """The first `k` kept documents by score (ties by document number, stable across pages)."""
    cand = np.flatnonzero(keep)
    if cand.size > k:
        s = scores[cand]
        kth = np.partition(s, cand.size - k)[cand.size - k]
        cand = cand[s >= kth]
    order = np.lexsort((cand, -scores[cand]))
    return cand[order[:k]]
