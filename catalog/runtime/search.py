"""The search index beside the store (catalog/runtime/followed.py keeps it in step), so a
committed write is visible to the next query. If applying a change ever fails, the index is
rebuilt from the store in the background; the old one keeps answering meanwhile."""

from __future__ import annotations

import gc

from catalog.runtime.followed import FollowedIndex
from catalog.search import SearchIndex, SearchService
from catalog.search.build import build_from_store
from catalog.search.service import warm_up
from graph import GraphStore


class SearchFeature(FollowedIndex[SearchIndex]):
    """Owns the index of one app: its build, its listener and its rebuilds."""

    name = "search index"

    def __init__(self, store: GraphStore, *, max_page_size: int) -> None:
        super().__init__(store)
        self.service = SearchService(SearchIndex(), max_page_size=max_page_size)

    def current(self) -> SearchIndex:
        return self.service.index

    def load(self) -> SearchIndex:
        warm_up()
        return build_from_store(self.store, SearchIndex())

    def install(self, index: SearchIndex) -> None:
        self.service.index = index
        # millions of long-lived objects: keep them out of the collector's full passes,
        # which would otherwise stall a query now and then
        gc.freeze()
