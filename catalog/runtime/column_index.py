"""The in-memory column lineage index of a serving process (catalog/lineage/column_index.py),
kept in step with the graph by catalog/runtime/followed.py like the FEEDS index: while it is
attached to the store, current column-level walks use it; a failure detaches it (walks go
back to the graph) until a rebuild succeeds."""

from __future__ import annotations

from catalog.lineage.column_index import DerivesIndex
from catalog.runtime.followed import AttachedIndex
from graph import lineage as glineage


class ColumnIndexFeature(AttachedIndex[DerivesIndex]):
    name = "column lineage index"
    attribute = "column_index"

    def load(self) -> DerivesIndex:
        return DerivesIndex.from_rows(glineage.current_derives(self.store))

    def describe(self, index: DerivesIndex) -> str:
        return f"{len(index)} DERIVES_FROM edges, {index.nbytes() / 2**20:.0f} MB"
