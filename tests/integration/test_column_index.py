"""The in-memory column lineage index (catalog/lineage/column_index.py) answers exactly as the
graph: the same column walks, lineage answers with their edges' properties (transformations,
job, provenance) and impact analyses over random graphs with cycles, caps, dataset-level
dependencies, closed edges and closed nodes, also after writes folded in one by one (overlay
and compaction); and it follows writes: this process's at once, through every path that opens
or closes a DERIVES_FROM edge or a column, and another process's through the change feed."""

from __future__ import annotations

import random

import pytest

from catalog.lineage import LineageDirection as Direction
from catalog.lineage import LineageService
from catalog.lineage.column_index import DerivesIndex
from catalog.lineage.impact import analyse
from catalog.lineage.model import EdgeDetail, Level, LineageGraph
from catalog.lineage.traverse import walk
from catalog.runtime import ColumnIndexFeature
from catalog.settings import Settings
from graph import Label, Rel, feed
from graph import lineage as glineage
from graph.classification import close_edges
from graph.openlineage import close_other_edges
from graph.props import json_prop
from graph.tx import Changes
from tests.support.lineage import Mesh


@pytest.fixture
def g(store, uid) -> Mesh:
    return Mesh(store, uid)


@pytest.fixture
def no_index(store):
    """The store as the CLI has it: no index attached (restored after)."""
    kept = store.lineage_index, store.column_index
    store.lineage_index = store.column_index = None
    yield store
    store.lineage_index, store.column_index = kept


def snapshot(store, starts, *, downstream, depth, cap):
    w = walk(store, starts, column_level=True, downstream=downstream, depth=depth, cap=cap,
             edges=False)
    return w.order, w.degree, w.truncated


def random_lineage(g: Mesh, seed: int) -> tuple[list[str], list[tuple[str, str]]]:
    """Ten datasets of four columns, 90 random DERIVES_FROM edges (cycles included) and a
    few dataset-level dependencies; returns the column ids and the edges (derived, source).
    Each edge has a transformation and a job of its own, so an answer that loses or mixes
    up the edges' properties differs."""
    rnd = random.Random(seed)
    names = [f"d{i}" for i in range(10)]
    g.datasets(names, columns={n: ["a", "b", "c", "d"] for n in names})
    cols = [g.col(n, c) for n in names for c in "abcd"]
    pairs = {(rnd.choice(cols), rnd.choice(cols)) for _ in range(90)}
    pairs |= {(g.ds(rnd.choice(names)), rnd.choice(cols)) for _ in range(6)}
    edges = sorted((a, b) for a, b in pairs if a != b)
    rows = [{"src": a, "dst": b, "job": g.job(f"j{k % 7}"), "transformations": json_prop(
        [{"type": "DIRECT", "subtype": "TRANSFORMATION", "description": f"{b} -> {a}",
          "masking": k % 2 == 0}])} for k, (a, b) in enumerate(edges)]
    g.write(lambda tx: tx.upsert_edges(Rel.DERIVES_FROM, rows, source="openlineage",
                                       scope=g.scope))
    return cols, edges


def same_walks(store, index: DerivesIndex, starts: list[str]) -> None:
    for start in starts:
        for downstream in (True, False):
            for depth, cap in ((1, 1000), (3, 1000), (20, 1000), (4, 3)):
                store.column_index = None
                expected = snapshot(store, [start], downstream=downstream, depth=depth,
                                    cap=cap)
                store.column_index = index
                got = snapshot(store, [start], downstream=downstream, depth=depth, cap=cap)
                store.column_index = None
                if cap >= 1000 or not expected[2]:
                    assert got == expected, (start, downstream, depth, cap)
                else:  # under a cap the graph admits in engine order, the index by id
                    assert got[2] == expected[2]
                    per_hop = [list(got[1].values()).count(d) for d in range(1, depth + 1)]
                    assert max(per_hop) <= cap


def test_walks_over_the_index_equal_walks_over_the_graph(no_index, g):
    cols, edges = random_lineage(g, 7)
    # some edges closed, a column and a dataset (a derived end) closed: none may be walked
    no_index.write(lambda tx: close_edges(tx, Rel.DERIVES_FROM, Label.COLUMN, [
        {"src": a, "dst": b, "by": "test", "reason": "gone"} for a, b in edges[:12]]))
    no_index.write(lambda tx: tx.close_nodes(Label.COLUMN, [g.col("d3", "b")]))
    no_index.write(lambda tx: tx.close_nodes(Label.DATASET, [g.ds("d4")]))
    index = DerivesIndex.from_rows(glineage.current_derives(no_index))
    starts = [g.col(n, c) for n in ("d0", "d1", "d2", "d5") for c in "ab"] + [g.ds("d6")]
    same_walks(no_index, index, starts)
    assert g.col("d3", "b") not in {n for s in cols for n in walk(
        no_index, [s], column_level=True, downstream=True, depth=20, cap=1000,
        edges=False).degree if s != g.col("d3", "b")}
    # impact analysis, from a dataset and from a column, is the same answer
    found = 0
    for root in (g.ds("d0"), g.ds("d5"), g.col("d1", "a"), g.col("d2", "c")):
        no_index.column_index = None
        expected = analyse(no_index, root, depth=20, cap=1000)
        no_index.column_index = index
        got = analyse(no_index, root, depth=20, cap=1000)
        no_index.column_index = None
        assert got == expected, root
        found += got.column_count
    assert found > 10


def walk_with_edges(store, starts, *, downstream, depth, cap):
    """A column walk with its edges (their keys in the order found, and properties) and
    the edge that found each node."""
    w = walk(store, starts, column_level=True, downstream=downstream, depth=depth, cap=cap)
    return (w.order, w.degree, w.truncated,
            [(k, e.props) for k, e in w.edges.items()],
            {n: (e.key, e.props) for n, e in w.parent.items()})


def answer(svc: LineageService, root: str, **kw) -> tuple:
    """A lineage answer as plain values: nodes in order, edges with all their properties."""
    got: LineageGraph = svc.lineage(root, level=Level.COLUMN, **kw)
    return (got.truncated, [(n.id, n.degree, n.side) for n in got.nodes],
            [(e.key, e.props, e.as_dict()) for e in got.edges])


def fanout(index: DerivesIndex, nodes: list[str], downstream: bool) -> int:
    """The most current neighbours a node has in one direction: a cap at least this high
    cuts no node's neighbours, where the graph keeps the engine's first ones and the index
    the first by id, so walks under it must be equal to the edge."""
    found, _ = index.hop(nodes, downstream=downstream, limit=10**6)
    return max(map(len, found.values()))


def test_column_lineage_with_edges_over_the_index_equals_the_graph(no_index, g):
    """lineage(level: COLUMN) walks the index and reads its edges' properties in one query:
    the same nodes, degrees, truncation, edges and properties as hop by hop over the graph,
    closed edges and nodes left out, under caps too."""
    cols, edges = random_lineage(g, 5)
    closing = edges[3:60:4]
    stale = DerivesIndex.from_rows(glineage.current_derives(no_index))  # told of no closing
    no_index.write(lambda tx: close_edges(tx, Rel.DERIVES_FROM, Label.COLUMN, [
        {"src": a, "dst": b, "by": "test", "reason": "gone"} for a, b in closing]))
    no_index.write(lambda tx: tx.close_nodes(Label.COLUMN, [g.col("d3", "b")]))
    no_index.write(lambda tx: tx.close_nodes(Label.DATASET, [g.ds("d4")]))
    index = DerivesIndex.from_rows(glineage.current_derives(no_index))
    nodes = [*cols, *(g.ds(f"d{i}") for i in range(10))]
    starts = [[c] for c in cols[::3]] + [[g.ds("d6")], [g.ds("d1"), *cols[4:8]]]
    cut_by_hop = props_seen = capped = 0
    for downstream in (True, False):
        widest = fanout(index, nodes, downstream)
        for start in starts:
            for depth, cap in ((1, 1000), (3, 1000), (20, 1000), (20, widest), (2, widest)):
                no_index.column_index = None
                expected = walk_with_edges(no_index, start, downstream=downstream,
                                           depth=depth, cap=cap)
                no_index.column_index = index
                got = walk_with_edges(no_index, start, downstream=downstream, depth=depth,
                                      cap=cap)
                no_index.column_index = None
                assert got == expected, (start, downstream, depth, cap)
                cut_by_hop += cap == widest and got[2]
                props_seen += sum(bool(p.get("transformations")) for _, p in got[3])
                assert not {(k[1], k[0]) for k, _ in got[3]} & set(closing)
            # a cap under some nodes' neighbours: the graph keeps the engine's first ones,
            # the index the first by id; every edge still has the graph's properties
            full = dict(walk_with_edges(no_index, start, downstream=downstream, depth=20,
                                        cap=1000)[3])
            no_index.column_index = index
            got = walk_with_edges(no_index, start, downstream=downstream, depth=4, cap=2)
            no_index.column_index = None
            assert all(full[k] == p for k, p in got[3])
            capped += len(got[3])
    assert cut_by_hop and props_seen > 100 and capped > 20, (cut_by_hop, props_seen, capped)
    # an index not yet told of a closing walks the closed edge, but never answers the
    # closed edge's properties as current ones
    no_index.column_index = stale
    got = walk_with_edges(no_index, [closing[0][1]], downstream=True, depth=1, cap=1000)[3]
    no_index.column_index = None
    assert dict(got)[(closing[0][1], closing[0][0], Rel.DERIVES_FROM.value)] == {}
    # the walks did go through the index: over an empty one a column has no lineage
    some = next(c for c in cols if walk_with_edges(no_index, [c], downstream=False, depth=1,
                                                   cap=1000)[3])
    no_index.column_index = DerivesIndex()
    assert not walk_with_edges(no_index, [some], downstream=False, depth=1, cap=1000)[3]
    no_index.column_index = None
    svc = LineageService(no_index, Settings())
    for root in (cols[0], cols[9], cols[22], g.ds("d1"), g.ds("d6")):
        for direction in Direction:
            expected = answer(svc, root, direction=direction, depth=5)
            no_index.column_index = index
            got = answer(svc, root, direction=direction, depth=5)
            no_index.column_index = None
            assert got == expected, (root, direction)


def test_an_index_fed_write_by_write_equals_one_built_at_once(no_index, g):
    """Edges opened and closed after the build live in the overlay, then in compacted arrays:
    the walks stay the graph's."""
    cols, edges = random_lineage(g, 11)
    index = DerivesIndex(compact_at=1)
    for k in range(0, len(edges), 10):  # opened ten at a time, as listeners see them
        changes = Changes("t")
        changes.edges[Rel.DERIVES_FROM] = [{"src": a, "dst": b} for a, b in edges[k:k + 10]]
        index.apply(changes)
    closing = edges[::5]
    no_index.write(lambda tx: close_edges(tx, Rel.DERIVES_FROM, Label.COLUMN, [
        {"src": a, "dst": b, "by": "test", "reason": "gone"} for a, b in closing]))
    changes = Changes("t")
    changes.closed_edges[Rel.DERIVES_FROM] = [{"src": a, "dst": b} for a, b in closing]
    index.apply(changes)
    index.apply(changes)  # idempotent
    assert len(index) == len(edges) - len(closing)
    same_walks(no_index, index, [g.col(n, "a") for n in ("d0", "d2", "d7")])
    # reopened: an edge closed and written again is walked again
    g.derives(closing[:3], job="j")
    changes = Changes("t")
    changes.edges[Rel.DERIVES_FROM] = [{"src": a, "dst": b} for a, b in closing[:3]]
    index.apply(changes)
    same_walks(no_index, index, [b for _, b in closing[:3]])


def column_jobs(store, start: str, downstream: bool, detail: EdgeDetail) -> dict:
    w = walk(store, [start], column_level=True, downstream=downstream, depth=20, cap=1000,
             detail=detail)
    return {k: e.jobs for k, e in w.edges.items()}


def test_the_index_answers_the_edges_jobs_as_the_graph_and_follows_them(no_index, g,
                                                                         monkeypatch):
    """Each edge's job, kept in the index, equals the graph's: built at once, then after
    writes that change it, leave it, or reopen a closed edge without one (not known to
    the index: that answer reads the graph)."""
    cols, edges = random_lineage(g, 13)
    feature = ColumnIndexFeature(no_index)
    feature.start()
    reads: list[int] = []
    read_props = glineage.edge_props
    monkeypatch.setattr(glineage, "edge_props",
                        lambda *a, **k: reads.append(1) or read_props(*a, **k))
    starts = cols[::5] + [g.ds("d2")]

    def same(expect_reads: bool) -> int:
        """Compare every start's jobs; returns how many edges had a job."""
        jobs = 0
        for start in starts:
            for downstream in (True, False):
                reads.clear()
                got = column_jobs(no_index, start, downstream, EdgeDetail.JOBS)
                read = bool(reads)
                no_index.column_index = None
                expected = column_jobs(no_index, start, downstream, EdgeDetail.ALL)
                no_index.column_index = feature.index
                assert got == expected, (start, downstream)
                assert read <= expect_reads, (start, downstream)
                jobs += sum(map(len, got.values()))
        return jobs

    try:
        assert same(False) > 50
        g.derives(edges[:30], job="again")  # the writes carry the job
        assert same(False) > 50
        assert column_jobs(no_index, edges[0][1], True, EdgeDetail.JOBS)[
            (edges[0][1], edges[0][0], Rel.DERIVES_FROM.value)] == [g.job("again")]
        g.derives(edges[30:40])  # written without one: the job stays
        assert same(False) > 50
        no_index.write(lambda tx: close_edges(tx, Rel.DERIVES_FROM, Label.COLUMN, [
            {"src": a, "dst": b, "by": "test", "reason": "gone"} for a, b in edges[40:45]]))
        g.derives(edges[40:45])  # reopened without one: its old job is still on the edge
        assert feature.index.jobs([(b, a) for a, b in edges[40:45]]) == [None] * 5
        assert same(True) > 50
    finally:
        feature.stop()


def impacted(svc: LineageService, root: str) -> set[str]:
    return {c.id for c in svc.impact(root, depth=5).columns()}


def test_the_index_follows_this_process_writes_at_once(no_index, g):
    feature = ColumnIndexFeature(no_index)
    feature.start()
    svc = LineageService(no_index, Settings())
    try:
        assert no_index.column_index is feature.index
        g.datasets(["a", "b", "c"], columns={"a": ["x"], "b": ["x", "y"], "c": ["x"]})
        g.derives([(g.col("b", "x"), g.col("a", "x")), (g.col("c", "x"), g.col("b", "x")),
                   (g.col("b", "y"), g.col("a", "x"))], job="load")
        assert impacted(svc, g.col("a", "x")) == {g.col("b", "x"), g.col("b", "y"),
                                                  g.col("c", "x")}
        # OpenLineage: a job's run no longer derives b.y from a.x
        no_index.write(lambda tx: close_other_edges(
            tx, Label.COLUMN, Rel.DERIVES_FROM, Label.COLUMN,
            {g.col("b", "y"): []}, source="openlineage"))
        assert impacted(svc, g.col("a", "x")) == {g.col("b", "x"), g.col("c", "x")}
        # a harvest no longer seeing an edge (close_stale of its scope)
        g.derives([(g.col("b", "y"), g.col("a", "x"))])
        cut = no_index.write(lambda tx: tx.now)
        no_index.close_stale(g.scope, cut, max_ratio=1.0, labels=(),
                             rels=(Rel.DERIVES_FROM,))
        assert impacted(svc, g.col("a", "x")) == set()
        # a closed column is not walked onto; upserting it reopens it
        g.derives([(g.col("b", "x"), g.col("a", "x")), (g.col("c", "x"), g.col("b", "x"))])
        no_index.write(lambda tx: tx.close_nodes(Label.COLUMN, [g.col("b", "x")]))
        assert impacted(svc, g.col("a", "x")) == set()
        g.datasets(["b"], columns={"b": ["x", "y"]})
        assert impacted(svc, g.col("a", "x")) == {g.col("b", "x"), g.col("c", "x")}
        # a dataset-level dependency, then its dataset closed
        g.derives([(g.ds("c"), g.col("a", "x"))])
        got = svc.impact(g.col("a", "x"), depth=5)
        assert g.ds("c") in {d.id for d in got.datasets()}
        no_index.write(lambda tx: tx.close_nodes(Label.DATASET, [g.ds("c")]))
        no_index.column_index = None
        expected = svc.impact(g.col("a", "x"), depth=5)
        no_index.column_index = feature.index
        assert svc.impact(g.col("a", "x"), depth=5) == expected
    finally:
        feature.stop()
    assert no_index.column_index is None


def test_the_index_follows_another_process_through_the_change_feed(graph, store, g):
    """A second process's index learns of this one's writes from the feed alone."""
    other = graph.store()
    try:
        feature = ColumnIndexFeature(other)
        feature.start()
        follower = feed.Follower(other)
        follower.start_at(feed.now_ms(other))
        follower.subscribe(other.apply_foreign)
        svc = LineageService(other, Settings())
        g.datasets(["a", "b"], columns={"a": ["x"], "b": ["x"]})
        g.derives([(g.col("b", "x"), g.col("a", "x"))], job="load",
                  transformation={"type": "DIRECT", "subtype": "IDENTITY"})
        follower.poll()
        assert other.column_index is feature.index
        assert impacted(svc, g.col("a", "x")) == {g.col("b", "x")}

        def lineage() -> tuple:
            got = answer(svc, g.col("a", "x"), depth=5)
            other.column_index = None  # the same answer walked over the graph
            assert answer(svc, g.col("a", "x"), depth=5) == got
            other.column_index = feature.index
            return got

        (key, props, edge), = lineage()[2]
        assert key[:2] == (g.col("a", "x"), g.col("b", "x")) and edge["jobs"] == [g.job("load")]
        assert edge["transformations"] == [{"type": "DIRECT", "subtype": "IDENTITY"}]
        # the same edge written again with another transformation: the topology is the
        # index's, the properties the graph's of now
        g.derives([(g.col("b", "x"), g.col("a", "x"))], job="load",
                  transformation={"type": "INDIRECT", "subtype": "FILTER"})
        follower.poll()
        (_, _, edge), = lineage()[2]
        assert edge["transformations"] == [{"type": "INDIRECT", "subtype": "FILTER"}]
        store.write(lambda tx: close_edges(tx, Rel.DERIVES_FROM, Label.COLUMN, [
            {"src": g.col("b", "x"), "dst": g.col("a", "x"), "by": "test", "reason": "gone"}]))
        follower.poll()
        assert impacted(svc, g.col("a", "x")) == set()
        assert lineage()[2] == []
        feature.stop()
    finally:
        other.close()
