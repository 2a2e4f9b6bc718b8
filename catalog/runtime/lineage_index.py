"""The in-memory lineage index of a serving process (catalog/lineage/adjacency.py), kept in
step with the graph by catalog/runtime/followed.py. While it is attached to the store,
current dataset-level walks use it; a failure detaches it (walks go back to the graph:
wrong lineage is worse than slower lineage) until a rebuild succeeds."""

from __future__ import annotations

import gc
import logging

from catalog.lineage.adjacency import FeedsIndex
from catalog.runtime.followed import FollowedIndex
from graph import GraphStore
from graph import lineage as glineage

log = logging.getLogger(__name__)


class LineageIndexFeature(FollowedIndex[FeedsIndex]):
    name = "lineage index"

    def __init__(self, store: GraphStore) -> None:
        super().__init__(store)
        self.index: FeedsIndex | None = None

    def current(self) -> FeedsIndex | None:
        return self.index

    def load(self) -> FeedsIndex:
        edges, closed = glineage.current_feeds(self.store)
        return FeedsIndex(edges, closed)

    def install(self, index: FeedsIndex) -> None:
        self.failed()
        self.index = index
        # long-lived objects: out of the collector's full passes (as the search index), which
        # walked them again and again while a large answer was being built
        gc.freeze()
        if self._active:
            self.store.lineage_index = index
        log.info("lineage index: %d FEEDS edges", len(index))

    def failed(self) -> None:
        """Detach: walks read the graph until a rebuild succeeds."""
        if self.index is not None and self.store.lineage_index is self.index:
            self.store.lineage_index = None

    def stop(self) -> None:
        super().stop()
        self.failed()
