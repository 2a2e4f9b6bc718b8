"""The in-memory lineage index of a serving process (catalog/lineage/adjacency.py): built
from the graph at start, kept in step by a store listener registered before the build
(changes committed meanwhile are held and applied after it, in order; applying is
idempotent), rebuilt when the change feed reports a gap. While it is attached to the store,
current dataset-level walks use it; a failure detaches it (walks go back to the graph)
until a rebuild succeeds."""

from __future__ import annotations

import logging
import threading

from catalog.lineage.adjacency import FeedsIndex
from graph import GraphStore
from graph import lineage as glineage
from graph.tx import Changes

log = logging.getLogger(__name__)


class LineageIndexFeature:
    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.index: FeedsIndex | None = None
        self._guard = threading.Lock()
        self._held: list[Changes] | None = None
        self._active = False
        self._rebuilding = False

    def start(self) -> None:
        self._active = True
        self.store.add_listener(self._on_changes)
        self._build()

    def stop(self) -> None:
        self._active = False  # the store keeps its listeners; this one goes quiet
        self._detach()

    def _detach(self) -> None:
        if self.index is not None and self.store.lineage_index is self.index:
            self.store.lineage_index = None

    def _build(self) -> None:
        with self._guard:
            self._held = []
        try:
            edges, closed = glineage.current_feeds(self.store)
            index = FeedsIndex(edges, closed)
        except Exception:
            with self._guard:
                self._held = None
            self._detach()
            raise
        with self._guard:
            for changes in self._held:
                index.apply(changes)
            self._held = None
            self._detach()
            self.index = index
            if self._active:
                self.store.lineage_index = index
        log.info("lineage index: %d FEEDS edges", len(index))

    def _on_changes(self, changes: Changes) -> None:
        if not self._active:
            return
        with self._guard:
            if self._held is not None:
                self._held.append(changes)
                return
            if self.index is None:
                return
            try:
                self.index.apply(changes)
            except Exception:
                log.exception("lineage index update failed; rebuilding it from the store")
                self._detach()
                self.rebuild_in_background()

    def rebuild_in_background(self) -> None:
        if self._rebuilding or not self._active:
            return
        self._rebuilding = True

        def run() -> None:
            try:
                self._build()
            except Exception:
                log.exception("lineage index rebuild failed; walks read the graph")
            finally:
                self._rebuilding = False

        threading.Thread(target=run, name="lineage-index-build", daemon=True).start()
