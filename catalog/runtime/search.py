"""The search index beside the store: built from the graph at start-up and kept in step by a
store listener on the same write path, so a committed write is visible to the next query.

Changes committed while the index is being built are held and applied after it, in order.
If applying a change ever fails, the index is rebuilt from the store in the background (the
old one keeps answering meanwhile); the failure never reaches the writer, whose
transaction has already committed.
"""

from __future__ import annotations

import gc
import logging
import threading

from catalog.search import SearchIndex, SearchService
from catalog.search.build import build_from_store
from graph import GraphStore
from graph.tx import Changes

log = logging.getLogger(__name__)


class SearchFeature:
    """Owns the index of one app: its build, its listener and its rebuilds."""

    def __init__(self, store: GraphStore, *, max_page_size: int) -> None:
        self.store = store
        self.service = SearchService(SearchIndex(), max_page_size=max_page_size)
        self._guard = threading.Lock()
        self._held: list[Changes] | None = None  # not None while a build runs
        self._active = True
        self._rebuilding = False

    def start(self) -> None:
        self.store.add_listener(self._on_changes)
        self._build()

    def stop(self) -> None:
        self._active = False  # the store keeps its listeners; this one goes quiet

    def _build(self) -> None:
        with self._guard:
            self._held = []
        index = self.service.index
        try:
            index = build_from_store(self.store, SearchIndex())
        finally:  # on failure, the changes held go to the index that keeps answering
            with self._guard:
                for changes in self._held:
                    index.apply(changes)
                self._held = None
                self.service.index = index
        # millions of long-lived objects: keep them out of the collector's full passes,
        # which would otherwise stall a query now and then
        gc.freeze()

    def _on_changes(self, changes: Changes) -> None:
        if not self._active:
            return
        with self._guard:
            if self._held is not None:
                self._held.append(changes)
                return
            try:
                self.service.index.apply(changes)
            except Exception:
                log.exception("search index update failed; rebuilding it from the store")
                self.rebuild_in_background()

    def rebuild_in_background(self) -> None:
        if self._rebuilding:
            return
        self._rebuilding = True

        def run() -> None:
            try:
                self._build()
            finally:
                self._rebuilding = False

        threading.Thread(target=run, name="search-rebuild", daemon=True).start()
