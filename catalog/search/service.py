"""Search service: validated requests in, ranked pages with facets and explanations out."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from catalog.search import rank
from catalog.search.autocomplete import autocomplete
from catalog.search.docs import LABEL_OF_KIND, Kind
from catalog.search.explain import Explanation, MatchedField, explain
from catalog.search.facets import FILTERS, Derived, Facet, facets, filter_masks
from catalog.search.index import SearchIndex
from catalog.search.query import parse
from graph.errors import InvalidInput

MAX_QUERY = 500
MAX_SUGGESTIONS = 50


@dataclass
class SearchRequest:
    query: str = ""
    kinds: list[Kind] | None = None
    filters: dict[str, list[str]] = field(default_factory=dict)
    first: int = 20
    offset: int = 0
    explain: bool = False


@dataclass
class Hit:
    id: str
    kind: Kind
    score: float
    position: int
    matched_fields: list[MatchedField]
    highlight: str | None
    explanation: Explanation | None = None

    @property
    def label(self) -> str:
        return LABEL_OF_KIND[self.kind].value


@dataclass
class SearchResult:
    query: str
    total: int
    hits: list[Hit]
    facets: list[Facet]
    has_next: bool


@dataclass
class AutocompleteHit:
    id: str
    kind: Kind
    text: str
    highlight: str


class SearchService:
    def __init__(self, index: SearchIndex, *, max_page_size: int = 500) -> None:
        self.index = index
        self.max_page_size = max_page_size
        self._derived: Derived | None = None

    def derived(self) -> Derived:
        """Arrays derived from the index, recomputed after writes (caller holds the lock)."""
        d = self._derived
        if d is None or d.index is not self.index or d.version != self.index.version \
                or d.n != self.index.docs.n:
            self._derived = Derived(self.index)
        return self._derived

    def _eligible(self, kinds: list[Kind] | None) -> np.ndarray:
        docs = self.index.docs
        mask = docs.view("alive").copy()
        if kinds:
            mask &= np.isin(docs.view("kind"), [int(k) for k in kinds])
        return mask

    def search(self, req: SearchRequest) -> SearchResult:
        query = (req.query or "").strip()
        if len(query) > MAX_QUERY:
            raise InvalidInput("input.query", f"at most {MAX_QUERY} characters")
        if not 0 < req.first <= self.max_page_size:
            raise InvalidInput("input.first",
                               f"must be between 1 and {self.max_page_size}, got {req.first}")
        if req.offset < 0:
            raise InvalidInput("input.after", "not a cursor this API issued")
        unknown = set(req.filters) - set(FILTERS)
        if unknown:
            raise InvalidInput("input.filters", f"unknown filters {sorted(unknown)}")
        index = self.index
        with index.lock:
            derived = self.derived()
            alive = index.docs.view("alive")
            masks = filter_masks(index, derived, req.filters)
            if req.kinds:
                masks["kind"] = self._eligible(req.kinds)
            eligible = alive.copy()
            for mask in masks.values():
                eligible &= mask
            terms = parse(index, query) if query not in ("", "*") else []
            if terms:
                scored = rank.score(index, terms, derived.boost)
                keep, most = scored.results(eligible)
                matches = alive & (scored.matched >= max(most, 1))
                scores = scored.score
            elif query in ("", "*"):
                keep, matches, scores = eligible, alive, derived.boost
            else:  # only stopwords
                keep = matches = np.zeros(index.docs.n, dtype=bool)
                scores = derived.boost
            total = int(keep.sum())
            page = rank.top(scores, keep, req.offset + req.first + 1)[req.offset:]
            hits = []
            for i, d in enumerate(page[: req.first]):
                d = int(d)
                fields, highlight, expl = explain(index, d, terms, float(scores[d]))
                hits.append(Hit(index.docs.ids[d], Kind(int(index.docs.kind[d])),
                                round(float(scores[d]), 4), req.offset + i, fields, highlight,
                                expl if req.explain else None))
            facet_list = facets(index, derived, matches, masks)
        return SearchResult(query, total, hits, facet_list, len(page) > req.first)

    def autocomplete(self, prefix: str, kinds: list[Kind] | None = None, limit: int = 10
                     ) -> list[AutocompleteHit]:
        if len(prefix or "") > MAX_QUERY:
            raise InvalidInput("input.prefix", f"at most {MAX_QUERY} characters")
        if not 0 < limit <= MAX_SUGGESTIONS:
            raise InvalidInput("input.limit",
                               f"must be between 1 and {MAX_SUGGESTIONS}, got {limit}")
        index = self.index
        with index.lock:
            derived = self.derived()
            found = autocomplete(index, derived, prefix or "", self._eligible(kinds), limit)
            return [AutocompleteHit(index.docs.ids[s.doc], Kind(int(index.docs.kind[s.doc])),
                                    s.text, s.highlight) for s in found]
