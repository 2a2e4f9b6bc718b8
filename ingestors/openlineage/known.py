"""What the graph holds of the datasets, jobs and runs a batch touches.

Read in the batch's transaction, or remembered from what this process read or wrote less
than TTL seconds ago: the same jobs run again and again, and looking their datasets up for
every batch cost more than writing the batch. A process trusts its memory for TTL seconds,
so a change another process makes to those nodes (a harvest closing a dataset) is seen by
this one after at most TTL seconds; what this process writes it remembers exactly.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from graph import openlineage as ol_store
from graph.labels import Label, Rel
from graph.tx import Changes, StoreTx

TTL = 60.0
MAX_ENTRIES = 200_000
_clock = time.monotonic  # tests move it on
DATASET_FIELDS = ("canonical", "schema_hash", "lineage_hash", "dropped_at", "props_hash",
                  "last_seen", "valid_to")


@dataclass
class Known:
    """The state a batch is mapped and written against (existing nodes only)."""

    datasets: dict[str, dict[str, Any]] = field(default_factory=dict)
    jobs: dict[str, dict[str, Any]] = field(default_factory=dict)
    job_edges: dict[tuple[str, str, str], dict[str, Any]] = field(default_factory=dict)
    run_keys: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def dropped(self) -> set[str]:
        return {i for i, r in self.datasets.items() if r.get("dropped_at")}


@dataclass
class Written:
    """What a committed batch wrote, for the cache to remember."""

    now: str
    datasets: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> fields set
    created: set[str] = field(default_factory=set)  # datasets that exist now (stubs)
    aliases: dict[str, str] = field(default_factory=dict)
    forget: set[str] = field(default_factory=set)  # datasets to read again (closed, ...)
    jobs: dict[str, dict[str, Any]] = field(default_factory=dict)
    job_edges: set[tuple[str, str, str]] = field(default_factory=set)
    run_keys: dict[str, dict[str, str]] = field(default_factory=dict)


class KnownCache:
    """Per store: datasets, jobs (with their READS/WRITES) and run keys, each for TTL s."""

    def __init__(self, ttl: float | None = None):
        self.ttl = TTL if ttl is None else ttl
        self._datasets: dict[str, tuple[float, dict[str, Any] | None]] = {}
        self._jobs: dict[str, tuple[float, dict[str, Any] | None]] = {}
        self._edges: dict[str, dict[tuple[str, str], dict[str, Any]]] = {}
        self._runs: dict[str, tuple[float, dict[str, str] | None]] = {}

    def _misses(self, table: dict, ids: Iterable[str]) -> list[str]:
        now = _clock()
        return [i for i in ids if i not in table or table[i][0] < now]

    def _put(self, table: dict, key: str, value: Any) -> None:
        if len(table) >= MAX_ENTRIES:
            table.clear()
            if table is self._jobs:
                self._edges.clear()
        table[key] = (_clock() + self.ttl, value)

    def datasets(self, tx: StoreTx, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        ids = set(ids)
        misses = self._misses(self._datasets, ids)
        if misses:
            found = ol_store.lookup_datasets(tx, misses)
            for i in misses:
                rec = found.get(i)
                self._put(self._datasets, i,
                          None if rec is None else {k: rec[k] for k in DATASET_FIELDS})
        return {i: rec for i in ids if (rec := self._datasets[i][1]) is not None}

    def jobs(self, tx: StoreTx, ids: Iterable[str]
             ) -> tuple[dict[str, dict[str, Any]], dict[tuple[str, str, str], dict[str, Any]]]:
        ids = set(ids)
        misses = self._misses(self._jobs, ids)
        if misses:
            found, edges = ol_store.lookup_jobs(tx, misses)
            for i in misses:
                self._put(self._jobs, i, found.get(i))
                self._edges[i] = {}
            for (job, rel, dataset), edge in edges.items():
                self._edges[job][(rel, dataset)] = edge
        jobs = {i: rec for i in ids if (rec := self._jobs[i][1]) is not None}
        edges = {(job, rel, ds): e for job in jobs
                 for (rel, ds), e in self._edges.get(job, {}).items()}
        return jobs, edges

    def run_keys(self, tx: StoreTx, ids: Iterable[str]) -> dict[str, dict[str, str]]:
        ids = set(ids)
        misses = self._misses(self._runs, ids)
        if misses:
            found = ol_store.lookup_run_keys(tx, misses)
            for i in misses:
                self._put(self._runs, i, found.get(i))
        return {i: keys for i in ids if (keys := self._runs[i][1]) is not None}

    def known(self, tx: StoreTx, datasets: Iterable[str], jobs: Iterable[str],
              runs: Iterable[str]) -> Known:
        found_jobs, edges = self.jobs(tx, jobs)
        return Known(self.datasets(tx, datasets), found_jobs, edges, self.run_keys(tx, runs))

    def forget_changes(self, changes: Changes) -> None:
        """Another process wrote these: read them from the graph next time."""
        for label, table in ((Label.DATASET, self._datasets), (Label.JOB, self._jobs),
                             (Label.RUN, self._runs)):
            for row in changes.nodes.get(label, ()):
                table.pop(row["id"], None)
            for node_id in changes.closed.get(label, ()):
                table.pop(node_id, None)
        for rel in (Rel.READS, Rel.WRITES):
            for edge in (*changes.edges.get(rel, ()), *changes.closed_edges.get(rel, ())):
                self._jobs.pop(edge["src"], None)
                self._edges.pop(edge["src"], None)

    def remember(self, written: Written) -> None:
        """After the commit: what the batch wrote is what the graph holds now."""
        blank = dict.fromkeys(DATASET_FIELDS)
        for i in written.created:
            entry = self._datasets.get(i)
            if entry is None or entry[1] is None:
                self._put(self._datasets, i, dict(blank))
        for i, fields in written.datasets.items():
            entry = self._datasets.get(i)
            base = entry[1] if entry and entry[1] is not None else blank
            self._put(self._datasets, i, {**base, **fields})
        for alias, target in written.aliases.items():
            entry = self._datasets.get(alias)
            base = entry[1] if entry and entry[1] is not None else blank
            self._put(self._datasets, alias, {**base, "canonical": target})
        for i in written.forget:
            self._datasets.pop(i, None)
        for i, fields in written.jobs.items():
            entry = self._jobs.get(i)
            base = entry[1] if entry and entry[1] is not None else {}
            self._put(self._jobs, i, {**base, **fields})
            self._edges.setdefault(i, {})
        for job, rel, dataset in written.job_edges:
            if job in self._edges:
                self._edges[job][(rel, dataset)] = {"last_seen": written.now,
                                                    "valid_to": None}
        for run, keys in written.run_keys.items():
            self._put(self._runs, run, keys)
