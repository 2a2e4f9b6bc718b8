"""Lineage traversal reads: one parameterised query per hop over a whole frontier.

The service walks breadth-first from Python (graph/ keeps only the statements): a hop takes
the frontier's ids and answers, per frontier node, at most `limit` neighbours with the edge
that leads there. Which relationship a hop follows depends on the level and the direction:

- dataset level: `(a:Dataset)-[:FEEDS]->(b:Dataset)`, a feeds b.
- column level: `(x:Column|Dataset)-[:DERIVES_FROM]->(c:Column)`, x derives from c, so data
  flows c -> x: downstream of c walks the edge backwards, upstream walks it forwards.

Time is a window (t1, t2) of ISO UTC strings: (None, None) means current facts
(valid_to absent); (T, T) means as of T; a wider window keeps what existed at any moment of it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import neo4j

from graph.cypher import cypher
from graph.labels import Label, Rel, label_of
from graph.store import GraphStore


@dataclass(frozen=True)
class Window:
    t1: str | None = None
    t2: str | None = None

    @classmethod
    def as_of(cls, when: str | None) -> Window:
        return cls(when, when)

    @property
    def params(self) -> dict[str, str | None]:
        return {"t1": self.t1, "t2": self.t2}


CURRENT = Window()


@dataclass(frozen=True)
class Hit:
    """One edge found by a hop: from frontier node `key` to neighbour `id`."""

    key: str
    id: str
    rel: Rel
    edge: dict[str, Any]
    upstream: str  # the end data flows from
    downstream: str  # the end data flows to


OTHER = "lineage_other_"  # the key the hop statements add to an edge's map: its far end


def _by_label(ids: Iterable[str]) -> dict[Label, list[str]]:
    out: dict[Label, list[str]] = defaultdict(list)
    for node_id in ids:
        out[label_of(node_id)].append(node_id)
    return out


@dataclass
class HopResult:
    hits: list[Hit]
    cut: set[str]  # frontier nodes with more than `limit` neighbours


def _run(store: GraphStore, out: HopResult, name: str, frontier: list[str], *, window: Window,
         limit: int, edges: bool, toward_key: bool, rel: Rel, **slots) -> None:
    """Run one hop statement; `toward_key`: data flows from the neighbour to the key."""
    stmt = cypher(name if edges else f"{name}_ids", rel=rel, **slots)
    for r in store.query(stmt, frontier=frontier, limit=limit, **window.params):
        key = r["key"]
        if r["found"] > limit:
            out.cut.add(key)
        found = r["hits"] if edges else [{OTHER: i} for i in r["ids"]]
        for props in found:
            other = props.pop(OTHER)
            up, down = (other, key) if toward_key else (key, other)
            out.hits.append(Hit(key, other, rel, props, up, down))


def _steps(frontier: Iterable[str], *, column_level: bool, downstream: bool
           ) -> list[tuple[str, list[str], bool, Rel, dict[str, Label]]]:
    """How a step from `frontier` reads the graph, per statement: which end it matches
    from (`in`: the key is the edge's end, `out`: its start), the keys, whether data flows
    toward the key, the relationship and the key's label slot."""
    groups = _by_label(frontier)
    if not column_level:
        ids = groups.get(Label.DATASET, [])
        if not ids:
            return []
        if downstream:
            return [("out", ids, False, Rel.FEEDS, {"src": Label.DATASET})]
        return [("in", ids, True, Rel.FEEDS, {"dst": Label.DATASET})]
    if downstream:
        # x derives from c: data flows c -> x; nothing derives from a dataset, so only the
        # column frontier nodes have a downstream
        ids = groups.get(Label.COLUMN, [])
        return [("in", ids, False, Rel.DERIVES_FROM, {"dst": Label.COLUMN})] if ids else []
    return [("out", groups[label], True, Rel.DERIVES_FROM, {"src": label})
            for label in (Label.COLUMN, Label.DATASET)  # a dataset may derive from columns
            if groups.get(label)]


def hop(store: GraphStore, frontier: list[str], *, column_level: bool, downstream: bool,
        window: Window = CURRENT, limit: int, edges: bool = True) -> HopResult:
    """The edges one lineage step away from the frontier, at most `limit` per frontier node
    (`cut` names the nodes that had more). Without `edges`, only the neighbours' ids."""
    out = HopResult([], set())
    for side, ids, toward_key, rel, slots in _steps(frontier, column_level=column_level,
                                                    downstream=downstream):
        _run(store, out, f"lineage_hop_{side}", ids, window=window, limit=limit,
             edges=edges, toward_key=toward_key, rel=rel, **slots)
    return out


def edge_props(store: GraphStore, found: dict[str, set[str]], *, column_level: bool,
               downstream: bool, batch: int = 5000) -> dict[tuple[str, str], dict[str, Any]]:
    """The properties of current lineage edges a walk found over an in-memory index, in one
    query per label of the keys (`batch` keys a statement; a dataset is a key only as the
    start of a column walk upstream): `found` holds, per node a step went from, the
    neighbours it reached. Keyed (upstream, downstream); an edge no longer current is absent.
    Read as `hop` reads them (same statements' shape, same keys), so the properties are the
    ones a walk over the graph answers."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for side, ids, toward_key, rel, slots in _steps(found, column_level=column_level,
                                                    downstream=downstream):
        stmt = cypher(f"lineage_edges_{side}", rel=rel, **slots)
        for k in range(0, len(ids), batch):
            rows = [{"key": key, "others": sorted(found[key])} for key in ids[k:k + batch]]
            for r in store.query(stmt, rows=rows):
                key = r["key"]
                for props in r["hits"]:
                    other = props.pop(OTHER)
                    out[(other, key) if toward_key else (key, other)] = props
    return out


def columns_of(store: GraphStore, dataset_ids: list[str], window: Window = CURRENT
               ) -> dict[str, list[str]]:
    """Each dataset's column ids (sorted), for column-level lineage from a dataset."""
    out: dict[str, list[str]] = {d: [] for d in dataset_ids}
    if dataset_ids:
        for r in store.query(cypher("lineage_columns"), ids=dataset_ids, **window.params):
            out[r["key"]].append(r["id"])
    return out


def job_edges(store: GraphStore, job_ids: list[str], dataset_ids: list[str],
              window: Window = CURRENT) -> list[tuple[Rel, str, str, dict[str, Any]]]:
    """The READS and WRITES edges between the given jobs and datasets: (rel, job, dataset, edge)."""
    out: list[tuple[Rel, str, str, dict[str, Any]]] = []
    if not job_ids or not dataset_ids:
        return out
    for rel in (Rel.READS, Rel.WRITES):
        for r in store.query(cypher("lineage_job_edges", rel=rel), jobs=job_ids,
                             datasets=dataset_ids, **window.params):
            out.append((rel, r["job"], r["dataset"], r["edge"]))
    return out


def current_feeds(store: GraphStore) -> tuple[list[tuple[str, str, Any, Any]], list[str]]:
    """The current FEEDS edges (src, dst, their `jobs`, their `job`) and the closed datasets'
    ids: what the in-memory lineage index is built from."""
    edges = [(r["src"], r["dst"], r["jobs"], r["job"])
             for r in store.query(cypher("lineage_feeds_all"))]
    closed = [r["id"] for r in store.query(cypher("lineage_closed_datasets"))]
    return edges, closed


def current_derives(store: GraphStore, *, batch: int = 5000
                    ) -> Iterator[tuple[str, str, bool, bool, Any, Any]]:
    """The current DERIVES_FROM edges, streamed: (src, dst, src closed, dst closed, job,
    jobs), src derives from dst. What the in-memory column lineage index is built from: a million
    records pulled `batch` at a time, read by position (no dict per record)."""
    with store.reachable(), store.driver.session(
            database=store.database, fetch_size=batch,
            default_access_mode=neo4j.READ_ACCESS) as session:
        for record in session.run(cypher("lineage_derives_all")):
            yield record[0], record[1], record[2], record[3], record[4], record[5]
