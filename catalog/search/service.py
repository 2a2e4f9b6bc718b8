"""Search service: validated requests in, ranked pages with facets and explanations out."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from catalog.search import rank
from catalog.search.autocomplete import autocomplete
from catalog.search.derived import Derived
from catalog.search.docs import LABEL_OF_KIND, Kind
from catalog.search.explain import Explanation, MatchedField, explain
from catalog.search.facets import FILTERS, Facet, facets, filter_masks
from catalog.search.index import SearchIndex
from catalog.search.query import readings
from catalog.search.scratch import Scratch
from graph.errors import InvalidInput
from graph.labels import Label, Rel
from identity import ids

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
        self._scratch = Scratch()

    def derived(self) -> Derived:
        """Arrays derived from the index, following its writes (caller holds the lock)."""
        d = self._derived
        if d is None or d.index is not self.index:
            d = self._derived = Derived(self.index)
        else:
            d.follow()
        return d

    def _kind_ok(self, kinds: list[Kind] | None) -> np.ndarray:
        """A lookup table: kind -> asked for."""
        ok = np.zeros(len(Kind), dtype=bool)
        ok[[int(k) for k in kinds] if kinds else slice(None)] = True
        return ok

    def search(self, req: SearchRequest) -> SearchResult:
        query = (req.query or "").strip()
        if len(query) > MAX_QUERY:
            raise InvalidInput("query", f"at most {MAX_QUERY} characters")
        if not 0 < req.first <= self.max_page_size:
            raise InvalidInput("first",
                               f"must be between 1 and {self.max_page_size}, got {req.first}")
        if req.offset < 0:
            raise InvalidInput("offset", "not a cursor this API issued")
        unknown = set(req.filters) - set(FILTERS)
        if unknown:
            raise InvalidInput("filters", f"unknown filters {sorted(unknown)}")
        index = self.index
        with index.lock:
            derived = self.derived()
            scratch = self._scratch.ensure(index.docs.n)
            alive = index.docs.view("alive")
            read = readings(index, query) if query not in ("", "*") else []
            terms = read[0].terms if read else []
            scorer = None
            if terms:
                scorer = rank.Readings(index, read, scratch, derived)
                u, matched = scorer.docs, scorer.matched
            elif query in ("", "*"):
                u, matched = np.arange(index.docs.n), np.ones(index.docs.n, dtype=np.int16)
            else:  # only stopwords
                u, matched = np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.int16)
            live = alive[u]
            masks = filter_masks(index, derived, req.filters, u, scratch)
            if req.kinds:
                masks["kind"] = self._kind_ok(req.kinds)[index.docs.view("kind")[u]]
            eligible = live.copy()
            for mask in masks.values():
                eligible &= mask
            most = int(matched[eligible].max()) if eligible.any() else 0
            kept = np.flatnonzero(eligible & (matched == most))
            total = int(kept.size)
            kept_scores = scorer.scores(kept) if scorer else derived.boost[u[kept]]
            order = rank.top(kept_scores, req.offset + req.first + 1)[req.offset:]
            page, scores = kept[order], kept_scores[order]
            hits = []
            shown = page[: req.first]
            used_by = scorer.readings_of(shown) if scorer else None
            for i, j in enumerate(shown):
                d, score = int(u[j]), float(scores[i])
                used = used_by[i].terms if used_by else terms
                fields, highlight, expl = explain(index, d, used, score)
                hits.append(Hit(index.docs.id_of(d), Kind(int(index.docs.kind[d])),
                                round(score, 4), req.offset + i, fields, highlight,
                                expl if req.explain else None))
            for_facets = live & (matched >= max(most, 1))
            facet_list = facets(index, derived, u[for_facets],
                                {k: m[for_facets] for k, m in masks.items()}, scratch)
        return SearchResult(query, total, hits, facet_list, len(page) > req.first)

    def autocomplete(self, prefix: str, kinds: list[Kind] | None = None, limit: int = 10
                     ) -> list[AutocompleteHit]:
        if len(prefix or "") > MAX_QUERY:
            raise InvalidInput("prefix", f"at most {MAX_QUERY} characters")
        if not 0 < limit <= MAX_SUGGESTIONS:
            raise InvalidInput("limit",
                               f"must be between 1 and {MAX_SUGGESTIONS}, got {limit}")
        index = self.index
        with index.lock:
            derived = self.derived()
            scratch = self._scratch.ensure(index.docs.n)
            found = autocomplete(index, derived, scratch, prefix or "", self._kind_ok(kinds),
                                 limit)
            return [AutocompleteHit(index.docs.id_of(s.doc), Kind(int(index.docs.kind[s.doc])),
                                    s.text, s.highlight) for s in found]


def warm_up() -> None:
    """Compile the search loops (catalog.search.kernels) before a query waits on them: a
    few seconds the first time, then a read of numba's disk cache. A throwaway index with
    the shapes the loops meet (two readings, columns, a tag)."""
    index = SearchIndex()
    ds = ids.dataset_id("warm://up", "orders.table")
    tag = ids.tag_id("warm")
    index.upsert_node(Label.TAG, {"id": tag, "name": "warm"})
    index.upsert_node(Label.DATASET, {"id": ds, "name": "orders.table"})
    for name in ("customer_name", "customername", "total"):
        col = ids.column_id(ds, name)
        index.upsert_node(Label.COLUMN, {"id": col, "name": name})
        index.upsert_edge(Rel.HAS_COLUMN, {"src": ds, "dst": col})
    index.upsert_edge(Rel.TAGGED, {"src": ds, "dst": tag})
    service = SearchService(index)
    service.search(SearchRequest(query="customer name ordrs"))
    service.autocomplete("orders cust")
