"""The in-memory lineage index of a serving process (catalog/lineage/adjacency.py), kept in
step with the graph by catalog/runtime/followed.py. While it is attached to the store,
current dataset-level walks use it; a failure detaches it until a rebuild succeeds."""

from __future__ import annotations

from catalog.lineage.adjacency import FeedsIndex
from catalog.runtime.followed import AttachedIndex
from graph import lineage as glineage


class LineageIndexFeature(AttachedIndex[FeedsIndex]):
    name = "lineage index"
    attribute = "lineage_index"

    def load(self) -> FeedsIndex:
        edges, closed = glineage.current_feeds(self.store)
        return FeedsIndex(edges, closed)

    def describe(self, index: FeedsIndex) -> str:
        return f"{len(index)} FEEDS edges"
