"""The in-memory column lineage index of a serving process (catalog/lineage/column_index.py),
kept in step with the graph by catalog/runtime/followed.py like the FEEDS index: while it is
attached to the store, current column-level walks use it; a failure detaches it (walks go
back to the graph) until a rebuild succeeds."""

from __future__ import annotations

import gc
import logging

from catalog.lineage.column_index import DerivesIndex
from catalog.runtime.followed import FollowedIndex
from graph import GraphStore
from graph import lineage as glineage

log = logging.getLogger(__name__)


class ColumnIndexFeature(FollowedIndex[DerivesIndex]):
    name = "column lineage index"

    def __init__(self, store: GraphStore) -> None:
        super().__init__(store)
        self.index: DerivesIndex | None = None

    def current(self) -> DerivesIndex | None:
        return self.index

    def load(self) -> DerivesIndex:
        return DerivesIndex.from_rows(glineage.current_derives(self.store))

    def install(self, index: DerivesIndex) -> None:
        self.failed()
        self.index = index
        # long-lived objects: out of the collector's full passes (as the search index), which
        # walked them again and again while a large answer was being built
        gc.freeze()
        if self._active:
            self.store.column_index = index
        log.info("column lineage index: %d DERIVES_FROM edges, %.0f MB", len(index),
                 index.nbytes() / 2**20)

    def failed(self) -> None:
        """Detach: walks read the graph until a rebuild succeeds."""
        if self.index is not None and self.store.column_index is self.index:
            self.store.column_index = None

    def stop(self) -> None:
        super().stop()
        self.failed()
