"""A write plan: what one event (or, merged, a whole batch) writes, keyed so repeats collapse.

Mapping fills a Plan per event; the batch merges them, so a dataset named by a hundred
events of a batch is one row of one UNWIND statement (see writer.py).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from graph import Label, Rel

SOURCE = "openlineage"
SQL_SOURCE = "sql-parse"

EdgeKey = tuple[Rel, str]  # (relationship, provenance source)


@dataclass
class DatasetState:
    """What the graph already holds of a dataset, read once per batch."""

    exists: bool = False
    canonical: str | None = None  # the node this name is SAME_AS, if it is an alias
    schema_hash: str | None = None
    lineage_hash: str | None = None
    dropped_at: str | None = None


@dataclass
class Plan:
    nodes: dict[Label, dict[str, dict[str, Any]]] = field(
        default_factory=lambda: defaultdict(dict))
    stubs: dict[Label, dict[str, dict[str, Any]]] = field(
        default_factory=lambda: defaultdict(dict))
    edges: dict[EdgeKey, dict[tuple[str, str], dict[str, Any]]] = field(
        default_factory=lambda: defaultdict(dict))
    # run id -> property -> (event key, value): the latest event wins, whatever the order
    runs: dict[str, dict[str, tuple[str, Any]]] = field(default_factory=dict)
    # (src label, rel, dst label) -> src id -> dst ids a facet lists now (others are closed)
    replaced: dict[tuple[Label, Rel, Label], dict[str, set[str]]] = field(
        default_factory=lambda: defaultdict(dict))
    columns: dict[str, str] = field(default_factory=dict)  # schema column id -> dataset id
    feeds: set[str] = field(default_factory=set)  # jobs whose FEEDS edges are derived again
    drops: dict[str, str] = field(default_factory=dict)  # dataset id -> DROP time
    touched: dict[str, str] = field(default_factory=dict)  # dataset id -> latest event time
    aliases: dict[str, str] = field(default_factory=dict)  # alias id -> canonical id
    hashes: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, dataset) -> hash

    # -- building ------------------------------------------------------------------------
    def node(self, label: Label, node_id: str, **props: Any) -> str:
        self.nodes[label].setdefault(node_id, {}).update(props)
        return node_id

    def stub(self, label: Label, node_id: str, **props: Any) -> str:
        """A node created if missing and otherwise left alone (a name known only by reference)."""
        self.stubs[label].setdefault(node_id, {}).update(
            {k: v for k, v in props.items() if v is not None})
        return node_id

    def edge(self, rel: Rel, src: str, dst: str, *, source: str = SOURCE, **props: Any) -> None:
        self.edges[(rel, source)].setdefault((src, dst), {}).update(props)

    def run_prop(self, run: str, key: str, **props: Any) -> None:
        slots = self.runs.setdefault(run, {})
        for name, value in props.items():
            if name not in slots or key >= slots[name][0]:
                slots[name] = (key, value)

    def replace(self, src_label: Label, rel: Rel, dst_label: Label, src: str,
                dsts: set[str]) -> None:
        self.replaced[(src_label, rel, dst_label)][src] = set(dsts)

    def touch(self, dataset: str, time: str) -> None:
        if time > self.touched.get(dataset, ""):
            self.touched[dataset] = time

    # -- merging -------------------------------------------------------------------------
    def merge(self, other: Plan) -> None:
        for label, rows in other.nodes.items():
            for node_id, props in rows.items():
                self.node(label, node_id, **props)
        for label, rows in other.stubs.items():
            for node_id, props in rows.items():
                self.stub(label, node_id, **props)
        for key, rows in other.edges.items():
            for pair, props in rows.items():
                self.edges[key].setdefault(pair, {}).update(props)
        for run, slots in other.runs.items():
            for name, (key, value) in slots.items():
                self.run_prop(run, key, **{name: value})
        for triple, rows in other.replaced.items():
            self.replaced[triple].update(rows)
        self.columns.update(other.columns)
        self.feeds |= other.feeds
        for ds, time in other.drops.items():
            self.drops[ds] = max(time, self.drops.get(ds, ""))
        for ds, time in other.touched.items():
            self.touch(ds, time)
        self.aliases.update(other.aliases)
        self.hashes.update(other.hashes)

    def stub_rows(self, label: Label) -> list[dict[str, Any]]:
        """Stubs not also written in full (a full row already creates the node)."""
        full = self.nodes.get(label, {})
        return [{"id": i, **p} for i, p in self.stubs.get(label, {}).items() if i not in full]
