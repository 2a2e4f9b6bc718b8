"""Browse service: entities by id, their neighbours and pages of them (no HTTP, no Cypher)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graph import GraphStore, Label, Rel
from graph.errors import InvalidInput
from graph.identity import canonical_dataset
from graph.labels import Direction, label_of


class BrowseService:
    def __init__(self, store: GraphStore):
        self.store = store

    def nodes(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        ids = list(ids)
        for node_id in ids:
            label_of(node_id)  # refuse malformed ids with a clear message
        return self.store.get_nodes(ids)

    def node(self, node_id: str, label: Label | None = None) -> dict[str, Any]:
        """One node; NotFound when absent, InvalidInput when the id is of another label."""
        actual = label_of(node_id)
        if label is not None and actual is not label:
            raise InvalidInput("id", f"{node_id!r} is a {actual} id, not a {label} id")
        if actual is Label.DATASET:  # any name of a dataset (SAME_AS) finds its node
            node_id = canonical_dataset(self.store, node_id)
        return self.store.get_node(node_id)

    def related(self, ids: Iterable[str], rel: Rel, direction: Direction
                ) -> dict[str, list[tuple[dict, dict]]]:
        return self.store.neighbours(ids, rel, direction)

    def page(self, label: Label, *, first: int, after: str | None, **filters: Any
             ) -> tuple[list[dict], int]:
        return self.store.list_nodes(label, first=first, after=after, **filters)
