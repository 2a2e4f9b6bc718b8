"""The in-memory lineage index (catalog/lineage/adjacency.py) answers exactly as the graph:
the same walks over random graphs with cycles, caps, closed edges and closed datasets; and
it follows writes: this process's at once, through every path that opens or closes a FEEDS
edge or a dataset."""

from __future__ import annotations

import random

import pytest

from catalog.lineage import EdgeDetail, LineageService
from catalog.lineage import LineageDirection as Direction
from catalog.lineage.adjacency import FeedsIndex
from catalog.lineage.traverse import walk
from catalog.runtime import LineageIndexFeature
from catalog.settings import Settings
from graph import Label, Rel
from graph import lineage as glineage
from graph.classification import close_edges
from graph.openlineage import close_other_edges, derive_feeds
from graph.props import now_iso
from tests.support.lineage import Mesh


@pytest.fixture
def g(store, uid) -> Mesh:
    return Mesh(store, uid)


@pytest.fixture
def no_index(store):
    """The store as the CLI has it: no index attached (restored after)."""
    kept = store.lineage_index
    store.lineage_index = None
    yield store
    store.lineage_index = kept


def snapshot(store, starts, *, downstream, depth, cap, edges=True):
    w = walk(store, starts, column_level=False, downstream=downstream, depth=depth, cap=cap,
             edges=edges)
    return (w.order, w.degree, w.truncated,
            {k: {p: v for p, v in e.props.items()} for k, e in w.edges.items()})


def test_walks_over_the_index_equal_walks_over_the_graph(no_index, g):
    rnd = random.Random(7)
    names = [f"n{i}" for i in range(40)]
    g.datasets(names)
    pairs = {(rnd.choice(names), rnd.choice(names)) for _ in range(120)}
    # a job of its own on each edge: an answer that loses or mixes up properties differs
    g.write(lambda tx: tx.upsert_edges(Rel.FEEDS, [
        {"src": g.ds(a), "dst": g.ds(b), "jobs": [g.job(f"j{k}")]}
        for k, (a, b) in enumerate(sorted(p for p in pairs if p[0] != p[1]))],
        source="openlineage", scope=g.scope))
    # some edges closed, one dataset closed: neither may be walked
    closing = sorted(pairs)[:10]
    no_index.write(lambda tx: close_edges(tx, Rel.FEEDS, Label.DATASET, [
        {"src": g.ds(a), "dst": g.ds(b), "by": "test", "reason": "gone"}
        for a, b in closing if a != b]))
    no_index.write(lambda tx: tx.close_nodes(Label.DATASET, [g.ds("n3")]))
    edges, closed = glineage.current_feeds(no_index)
    index = FeedsIndex(edges, closed)
    for start in ("n0", "n1", "n2", "n5"):
        for downstream in (True, False):
            full = walk(no_index, [g.ds(start)], column_level=False, downstream=downstream,
                        depth=20, cap=1000).order
            for depth, cap in ((1, 1000), (3, 1000), (20, 1000), (4, 3)):
                no_index.lineage_index = None
                expected = snapshot(no_index, [g.ds(start)], downstream=downstream,
                                    depth=depth, cap=cap)
                no_index.lineage_index = index
                got = snapshot(no_index, [g.ds(start)], downstream=downstream, depth=depth,
                               cap=cap)
                if cap >= 1000:
                    assert got == expected, (start, downstream, depth)
                else:  # under a cap the graph admits in engine order, the index by id
                    assert got[2] == expected[2]
                    per_hop = [list(got[1].values()).count(d) for d in range(1, depth + 1)]
                    assert max(per_hop) <= cap and set(got[0]) <= set(full)
    assert g.ds("n3") not in {n for s in ("n0", "n1") for n in walk(
        no_index, [g.ds(s)], column_level=False, downstream=True, depth=20,
        cap=1000).degree}


def test_the_index_follows_this_process_writes_at_once(no_index, g):
    feature = LineageIndexFeature(no_index)
    feature.start()
    svc = LineageService(no_index, Settings())
    try:
        assert no_index.lineage_index is feature.index

        def down(name: str) -> set[str]:
            got = svc.lineage(g.ds(name), direction=Direction.DOWNSTREAM, depth=5)
            return {n.id for n in got.nodes} - {g.ds(name)}

        g.datasets(["a", "b", "c", "d"])
        g.feeds([("a", "b"), ("b", "c")], job="load")
        assert down("a") == {g.ds("b"), g.ds("c")}
        ab = next(e for e in svc.lineage(g.ds("a"), depth=1).edges)
        assert ab.jobs == [g.job("load")] and ab.props["source"] == "openlineage"
        # OpenLineage: a job's other outputs closed
        no_index.write(lambda tx: close_other_edges(tx, Label.DATASET, Rel.FEEDS,
                                                    Label.DATASET, {g.ds("b"): []},
                                                    source="openlineage"))
        assert down("a") == {g.ds("b")}
        # a harvest no longer seeing an edge (close_stale of its scope)
        g.feeds([("a", "d")])
        cut = no_index.write(lambda tx: tx.now)
        no_index.close_stale(g.scope, cut, max_ratio=1.0, labels=(), rels=(Rel.FEEDS,))
        assert down("a") == set()
        # a closed dataset is not walked onto; upserting it reopens it
        g.feeds([("a", "b")])
        no_index.write(lambda tx: tx.close_nodes(Label.DATASET, [g.ds("b")]))
        assert down("a") == set()
        g.datasets(["b"])
        assert down("a") == {g.ds("b")}
        # a walk asked as of a past time still reads the graph
        past = svc.lineage(g.ds("a"), direction=Direction.DOWNSTREAM, as_of=now_iso())
        assert {n.id for n in past.nodes} == {g.ds("a"), g.ds("b")}
    finally:
        feature.stop()
    assert no_index.lineage_index is None


def jobs_of(store, start: str, detail: EdgeDetail) -> dict[tuple[str, str], list[str]]:
    w = walk(store, [start], column_level=False, downstream=True, depth=20, cap=1000,
             detail=detail)
    return {(e.upstream, e.downstream): e.jobs for e in w.edges.values()}


def test_the_index_answers_the_edges_jobs_without_reading_the_graph(no_index, g, monkeypatch):
    g.datasets(["a", "b", "c", "d"])
    g.feeds([("a", "b"), ("b", "c")], job="load")
    g.feeds([("b", "c")], job="copy")  # a second job on an edge: the write sets both
    g.feeds([("c", "d")])  # an edge with no job
    expected = jobs_of(no_index, g.ds("a"), EdgeDetail.ALL)  # from the graph
    assert expected[(g.ds("b"), g.ds("c"))] == [g.job("copy")]  # upsert: the row's jobs
    assert expected[(g.ds("c"), g.ds("d"))] == []
    edges, closed = glineage.current_feeds(no_index)
    no_index.lineage_index = FeedsIndex(edges, closed)
    reads: list[str] = []
    monkeypatch.setattr(glineage, "edge_props", lambda *a, **k: reads.append("props") or {})
    assert jobs_of(no_index, g.ds("a"), EdgeDetail.JOBS) == expected
    assert jobs_of(no_index, g.ds("a"), EdgeDetail.TOPOLOGY) == {k: [] for k in expected}
    assert reads == []
    jobs_of(no_index, g.ds("a"), EdgeDetail.ALL)  # the rest of the properties: the graph
    assert reads == ["props"]


def test_the_index_keeps_the_jobs_of_edges_in_step_with_writes(no_index, g):
    feature = LineageIndexFeature(no_index)
    feature.start()
    try:
        g.datasets(["a", "b", "c", "x"])
        g.feeds([("a", "b")], job="load")

        def both() -> tuple[dict, dict]:  # (the index's answer, the graph's)
            return (jobs_of(no_index, g.ds("a"), EdgeDetail.JOBS),
                    jobs_of(no_index, g.ds("a"), EdgeDetail.ALL))

        got, truth = both()
        assert got == truth == {(g.ds("a"), g.ds("b")): [g.job("load")]}
        # OpenLineage adds a job to the edge: the statement returns the edge's jobs
        g.feeds([("a", "c")], job="copy")
        no_index.write(lambda tx: derive_feeds(tx, [g.job("copy")], source="openlineage"))
        got, truth = both()
        assert got == truth and got[(g.ds("a"), g.ds("c"))] == [g.job("copy")]
        g.feeds([("x", "b")], job="copy")  # the job now also reads x, writes b
        no_index.write(lambda tx: derive_feeds(tx, [g.job("copy")], source="openlineage"))
        got, truth = both()
        assert got == truth and got[(g.ds("a"), g.ds("b"))] == [g.job("load"), g.job("copy")]
        # a generic upsert sets a lone `job` on an edge: answers read it with `jobs` (the
        # graph's reading); the index, told or built, does not keep it and reads the graph
        g.write(lambda tx: tx.upsert_edges(Rel.FEEDS, [
            {"src": g.ds("a"), "dst": g.ds("c"), "job": g.job("manual")}],
            source="manual", scope=g.scope))
        got, truth = both()
        assert got == truth and got[(g.ds("a"), g.ds("c"))] == [g.job("copy"), g.job("manual")]
        built = FeedsIndex(*glineage.current_feeds(no_index))
        assert built.jobs([(g.ds("a"), g.ds("c")), (g.ds("a"), g.ds("b"))]) == [
            None, (g.job("load"), g.job("copy"))]
        # a write without jobs leaves the edge's jobs as they were
        g.feeds([("a", "b")])
        got, truth = both()
        assert got == truth and got[(g.ds("a"), g.ds("b"))] == [g.job("load"), g.job("copy")]
        # closed, then reopened by a write without jobs: the edge keeps jobs the index
        # dropped with it; the answer reads them from the graph
        no_index.write(lambda tx: close_edges(tx, Rel.FEEDS, Label.DATASET, [
            {"src": g.ds("a"), "dst": g.ds("b"), "by": "test", "reason": "gone"}]))
        assert (g.ds("a"), g.ds("b")) not in both()[0]
        g.feeds([("a", "b")])
        assert no_index.lineage_index.jobs([(g.ds("a"), g.ds("b"))]) == [None]
        got, truth = both()
        assert got == truth and got[(g.ds("a"), g.ds("b"))] == [g.job("load"), g.job("copy")]
    finally:
        feature.stop()
