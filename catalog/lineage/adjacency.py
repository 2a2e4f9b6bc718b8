"""The topology of dataset lineage in memory: the current FEEDS edges by their ends.

A lineage walk over the graph costs one Bolt round trip per hop (depth 5 with its probing
hop: six). Over this index a walk costs none. Each edge keeps the ids of the jobs behind
it (what a lineage view shows on an edge, and what `includeJobs` turns into nodes), so an
answer asking no more of its edges costs no round trip either; their other properties
(last seen, source, ...) change with every run and are read at the end of a walk that asks
for them. It is a cache: built from the graph,
kept in step by the store listener (this process's writes, at once) and the change feed
(other processes', within a poll), rebuilt on a gap; the graph stays the truth, and walks
in a time window (asOf, a range) still go to the graph (column level has its own index,
catalog/lineage/column_index.py).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterable
from typing import Any

from catalog.lineage.model import edge_jobs
from graph.labels import Label, Rel
from graph.tx import Changes

Jobs = tuple[str, ...] | None  # an edge's job ids; None: not known here (read the graph)
UNKNOWN: Jobs = None


class FeedsIndex:
    def __init__(self, edges: Iterable[tuple] = (), closed: Iterable[str] = ()) -> None:
        """`edges`: (src, dst), or (src, dst, its `jobs`, its `job`), of the current FEEDS
        edges."""
        self._down: dict[str, dict[str, Jobs]] = {}  # src -> {dst: its edge's jobs}
        self._up: dict[str, set[str]] = {}
        self._closed: set[str] = set(closed)  # closed datasets: no hop steps onto them
        self._jobs: dict[tuple[str, ...], tuple[str, ...]] = {}  # one tuple per job set
        self.lock = threading.Lock()
        for src, dst, *props in edges:
            self._add(src, dst, self._jobs_of(*props))

    def __len__(self) -> int:
        return sum(map(len, self._down.values()))

    def _jobs_of(self, jobs: Any = None, job: Any = None) -> Jobs:
        """The jobs of an edge from its `jobs` property, one shared tuple per set: a job
        writing one output from ten inputs makes ten edges with the same jobs. The index
        keeps what FEEDS writers set, `jobs`; an edge also holding a lone `job` (a generic
        upsert's) is not known here."""
        if job:
            return UNKNOWN
        key = tuple(sys.intern(j) for j in edge_jobs(jobs))
        return self._jobs.setdefault(key, key)

    def _add(self, src: str, dst: str, jobs: Jobs) -> None:
        src, dst = sys.intern(src), sys.intern(dst)  # one string per id, however many edges
        self._down.setdefault(src, {})[dst] = jobs
        self._up.setdefault(dst, set()).add(src)

    def _remove(self, src: str, dst: str) -> None:
        ends = self._down.get(src)
        if ends is not None:
            ends.pop(dst, None)
            if not ends:
                del self._down[src]
        ups = self._up.get(dst)
        if ups is not None:
            ups.discard(src)
            if not ups:
                del self._up[dst]

    def jobs(self, edges: Iterable[tuple[str, str]]) -> list[Jobs]:
        """The job ids of each current edge given as (upstream, downstream), its FEEDS
        (src, dst) (None: not known, or no such edge)."""
        with self.lock:
            return [self._down.get(src, {}).get(dst, UNKNOWN) for src, dst in edges]

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
                self._add(row["src"], row["dst"], self._written_jobs(row))
            for row in closed_feeds:
                self._remove(row["src"], row["dst"])
            for row in opened:  # an upsert reopens a closed dataset
                self._closed.discard(row["id"])
            self._closed.update(closed)

    def _written_jobs(self, row: dict) -> Jobs:
        """The jobs an edge has after a write: those the write set (its row carries them,
        as every statement that sets them returns them), else those it had. An edge new to
        the index written without them may be a closed edge reopened, keeping jobs the index
        never saw: not known."""
        if "jobs" in row or "job" in row:
            return self._jobs_of(row.get("jobs"), row.get("job"))
        return self._down.get(row["src"], {}).get(row["dst"], UNKNOWN)

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
