"""The topology of dataset lineage in memory: the current FEEDS edges by their ends.

A lineage walk over the graph costs one Bolt round trip per hop (depth 5 with its probing
hop: six). Over this index a walk costs none, and an answer one (its edges' properties,
which change with every run and so are not kept here). It is a cache: built from the graph,
kept in step by the store listener (this process's writes, at once) and the change feed
(other processes', within a poll), rebuilt on a gap; the graph stays the truth, and walks
in a time window (asOf, a range) still go to the graph (column level has its own index,
catalog/lineage/column_index.py).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterable

from graph.labels import Label, Rel
from graph.tx import Changes


class FeedsIndex:
    def __init__(self, edges: Iterable[tuple[str, str]] = (),
                 closed: Iterable[str] = ()) -> None:
        self._down: dict[str, set[str]] = {}
        self._up: dict[str, set[str]] = {}
        self._closed: set[str] = set(closed)  # closed datasets: no hop steps onto them
        self.lock = threading.Lock()
        for src, dst in edges:
            self._add(src, dst)

    def __len__(self) -> int:
        return sum(map(len, self._down.values()))

    def _add(self, src: str, dst: str) -> None:
        src, dst = sys.intern(src), sys.intern(dst)  # one string per id, however many edges
        self._down.setdefault(src, set()).add(dst)
        self._up.setdefault(dst, set()).add(src)

    def _remove(self, src: str, dst: str) -> None:
        for table, a, b in ((self._down, src, dst), (self._up, dst, src)):
            ends = table.get(a)
            if ends is not None:
                ends.discard(b)
                if not ends:
                    del table[a]

    def apply(self, changes: Changes) -> None:
        """Fold one committed transaction in (idempotent: replaying it changes nothing)."""
        feeds = changes.edges.get(Rel.FEEDS, ())
        closed_feeds = changes.closed_edges.get(Rel.FEEDS, ())
        opened = changes.nodes.get(Label.DATASET, ())
        closed = changes.closed.get(Label.DATASET, ())
        if not (feeds or closed_feeds or opened or closed):
            return
        with self.lock:
            for row in feeds:  # every FEEDS write leaves its edge current
                self._add(row["src"], row["dst"])
            for row in closed_feeds:
                self._remove(row["src"], row["dst"])
            for row in opened:  # an upsert reopens a closed dataset
                self._closed.discard(row["id"])
            self._closed.update(closed)

    def hop(self, frontier: list[str], *, downstream: bool, limit: int
            ) -> tuple[dict[str, list[str]], set[str]]:
        """Per frontier node, its first `limit` current neighbours by id, and the nodes
        that had more (as graph.lineage.hop answers, without the edges' properties)."""
        table = self._down if downstream else self._up
        found: dict[str, list[str]] = {}
        cut: set[str] = set()
        with self.lock:
            for key in frontier:
                ends = table.get(key)
                if not ends:
                    continue
                keep_capped(found, cut, key, sorted(e for e in ends if e not in self._closed),
                            limit)
        return found, cut


def keep_capped(found: dict[str, list[str]], cut: set[str], key: str, near: list[str],
                limit: int) -> None:
    """A hop's neighbours of `key` (in id order) into `found`, at most `limit` of them;
    `key` into `cut` when some were left out. The same rule for every in-memory index."""
    if len(near) > limit:
        cut.add(key)
        near = near[:limit]
    if near:
        found[key] = near
