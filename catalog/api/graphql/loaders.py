"""Per-request dataloaders: one batched store call per field per query level (no N+1)."""

from __future__ import annotations

import asyncio
from typing import Any

from strawberry.dataloader import DataLoader

from catalog.browse import BrowseService
from graph import Rel
from graph.labels import Direction
from graph.pages import DatasetView

Pair = tuple[dict[str, Any], dict[str, Any]]


class Loaders:
    def __init__(self, browse: BrowseService):
        self._browse = browse
        self.node: DataLoader[str, dict[str, Any] | None] = DataLoader(self._load_nodes)
        self._related: dict[tuple[Rel, Direction], DataLoader[str, list[Pair]]] = {}
        self._runs: dict[int, DataLoader[str, list[dict[str, Any]]]] = {}

    async def _load_nodes(self, ids: list[str]) -> list[dict[str, Any] | None]:
        found = await asyncio.to_thread(self._browse.nodes, ids)
        return [found.get(i) for i in ids]

    def related(self, rel: Rel, direction: Direction = Direction.OUT
                ) -> DataLoader[str, list[Pair]]:
        """The loader of (edge, node) pairs one `rel` hop away in `direction`."""
        key = (rel, direction)
        if key not in self._related:
            async def load(ids: list[str]) -> list[list[Pair]]:
                found = await asyncio.to_thread(self._browse.related, ids, rel, direction)
                return [found.get(i, []) for i in ids]

            self._related[key] = DataLoader(load)
        return self._related[key]

    def prime_dataset(self, view: DatasetView) -> None:
        """What one dataset-page read fetched, so its fields cost no further round trip."""
        did = view.node["id"]
        self.node.prime(did, view.node)
        self.related(Rel.HAS_COLUMN).prime(did, view.columns)
        self.related(Rel.OWNED_BY).prime(did, view.owners)
        self.related(Rel.TAGGED).prime(did, view.tags)
        self.related(Rel.CLASSIFIED_AS).prime_many(
            {did: view.classifications, **view.column_classifications})

    def recent_runs(self, first: int) -> DataLoader[str, list[dict[str, Any]]]:
        """The loader of a job's `first` newest runs."""
        if first not in self._runs:
            from graph.runs import recent_runs

            async def load(ids: list[str]) -> list[list[dict[str, Any]]]:
                found = await asyncio.to_thread(recent_runs, self._browse.store, ids, first)
                return [found.get(i, []) for i in ids]

            self._runs[first] = DataLoader(load)
        return self._runs[first]
