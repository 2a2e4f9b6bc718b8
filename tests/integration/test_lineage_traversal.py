"""Lineage traversal through the service on every engine: BFS order and degrees, caps and
`truncated`, cycles, column level, paging, time (asOf, diff) and unknown ids."""

from __future__ import annotations

import pytest

from catalog.lineage import Level, LineageService
from catalog.lineage import LineageDirection as Direction
from catalog.settings import Settings
from graph import Rel
from graph.errors import InvalidInput, NotFound
from graph.props import now_iso
from tests.support.lineage import Mesh


@pytest.fixture
def svc(store) -> LineageService:
    return LineageService(store, Settings())


@pytest.fixture
def g(store, uid) -> Mesh:
    return Mesh(store, uid)


def degrees(graph) -> dict[str, int]:
    return {n.id: n.degree for n in graph.nodes}


def edge_pairs(graph) -> set[tuple[str, str]]:
    return {(e.upstream, e.downstream) for e in graph.edges}


def test_downstream_upstream_and_both_with_degrees_and_jobs(svc, g):
    g.datasets(["a", "b", "c", "d", "x"])
    g.feeds([("a", "b")], job="j1")
    g.feeds([("b", "c"), ("b", "d")], job="j2")
    g.feeds([("x", "a")], job="j0")
    down = svc.lineage(g.ds("a"), direction=Direction.DOWNSTREAM)
    assert degrees(down) == {g.ds("a"): 0, g.ds("b"): 1, g.ds("c"): 2, g.ds("d"): 2}
    assert [n.id for n in down.nodes][:2] == [g.ds("a"), g.ds("b")]  # BFS order
    assert edge_pairs(down) == {(g.ds("a"), g.ds("b")), (g.ds("b"), g.ds("c")),
                                (g.ds("b"), g.ds("d"))}
    ab = next(e for e in down.edges if e.downstream == g.ds("b"))
    assert ab.type is Rel.FEEDS and ab.jobs == [g.job("j1")]
    assert ab.props["source"] == "openlineage" and ab.props["first_seen"]
    assert not down.truncated and down.total_nodes == 4

    up = svc.lineage(g.ds("c"), direction=Direction.UPSTREAM)
    assert degrees(up) == {g.ds("c"): 0, g.ds("b"): 1, g.ds("a"): 2, g.ds("x"): 3}
    both = svc.lineage(g.ds("b"), direction=Direction.BOTH)
    sides = {n.id: (n.side.value, n.degree) for n in both.nodes}
    assert sides[g.ds("a")] == ("UPSTREAM", 1) and sides[g.ds("c")] == ("DOWNSTREAM", 1)
    assert sides[g.ds("x")] == ("UPSTREAM", 2) and sides[g.ds("b")] == ("ROOT", 0)


def test_include_jobs_adds_job_nodes_and_their_edges(svc, g):
    g.datasets(["a", "b", "c"])
    g.feeds([("a", "b")], job="j1")
    g.feeds([("b", "c")], job="j2")
    res = svc.lineage(g.ds("a"), include_jobs=True)
    jobs = {n.id: n.degree for n in res.nodes if n.label == "Job"}
    assert jobs == {g.job("j1"): 1, g.job("j2"): 2}
    typed = {(e.type.value, e.upstream, e.downstream) for e in res.edges}
    assert ("READS", g.ds("a"), g.job("j1")) in typed
    assert ("WRITES", g.job("j1"), g.ds("b")) in typed
    assert ("WRITES", g.job("j2"), g.ds("c")) in typed


def test_a_cycle_does_not_loop(svc, g):
    g.datasets(["a", "b", "c"])
    g.feeds([("a", "b"), ("b", "c"), ("c", "a")])
    res = svc.lineage(g.ds("a"), direction=Direction.BOTH, depth=20)
    assert degrees(res) == {g.ds("a"): 0, g.ds("b"): 1, g.ds("c"): 1}
    assert edge_pairs(res) == {(g.ds("a"), g.ds("b")), (g.ds("b"), g.ds("c")),
                               (g.ds("c"), g.ds("a"))}
    assert not res.truncated
    down = svc.lineage(g.ds("a"), depth=20)
    assert degrees(down) == {g.ds("a"): 0, g.ds("b"): 1, g.ds("c"): 2}
    assert (g.ds("c"), g.ds("a")) in edge_pairs(down)  # the edge that closes the cycle


def test_fan_out_cap_cuts_a_hop_and_sets_truncated(svc, g):
    g.datasets(["a", "z", *[f"b{i}" for i in range(5)]])
    g.feeds([("a", f"b{i}") for i in range(5)] + [(f"b{i}", "z") for i in range(5)])
    capped = svc.lineage(g.ds("a"), max_nodes_per_hop=2)
    assert capped.truncated
    hop1 = {i for i, d in degrees(capped).items() if d == 1}
    assert len(hop1) == 2 and hop1 <= {g.ds(f"b{i}") for i in range(5)}
    assert degrees(capped)[g.ds("z")] == 2  # the walk goes on from what it kept
    assert edge_pairs(capped) == {(g.ds("a"), b) for b in hop1} | {(b, g.ds("z"))
                                                                    for b in hop1}
    full = svc.lineage(g.ds("a"), max_nodes_per_hop=5)
    assert not full.truncated and full.total_nodes == 7


def test_per_hop_cap_counts_new_nodes_across_the_frontier(svc, g):
    g.datasets(["a", "b", "c", "d1", "d2", "e1", "e2"])
    g.feeds([("a", "b"), ("a", "c"), ("b", "d1"), ("b", "d2"), ("c", "e1"), ("c", "e2")])
    res = svc.lineage(g.ds("a"), max_nodes_per_hop=2)
    assert res.truncated  # hop 2 found four new nodes, two admitted: b's, nearer in BFS order
    assert {i for i, d in degrees(res).items() if d == 2} == {g.ds("d1"), g.ds("d2")}


def test_depth_cut_sets_truncated_only_when_something_lies_beyond(svc, g):
    g.datasets(["a", "b", "c"])
    g.feeds([("a", "b"), ("b", "c")])
    assert svc.lineage(g.ds("a"), depth=1).truncated
    assert not svc.lineage(g.ds("a"), depth=2).truncated


def test_paging_in_bfs_order_partitions_nodes_and_edges(svc, g):
    g.datasets(["a", *[f"b{i}" for i in range(4)], "c"])
    g.feeds([("a", f"b{i}") for i in range(4)] + [("b3", "c")])
    full = svc.lineage(g.ds("a"))
    nodes, edges, after = [], [], None
    for _ in range(10):
        page = svc.lineage(g.ds("a"), first=2, after=after)
        nodes += [n.id for n in page.nodes]
        edges += [(e.upstream, e.downstream) for e in page.edges]
        assert page.total_nodes == 6
        if not page.has_next_page:
            assert not page.truncated
            break
        assert page.truncated
        after = page.nodes[-1].id
    assert nodes == [n.id for n in full.nodes]
    assert sorted(edges) == sorted(edge_pairs(full)) and len(edges) == len(set(edges))
    with pytest.raises(InvalidInput, match="cursor"):
        svc.lineage(g.ds("a"), first=2, after=g.ds("nope"))


def test_column_level_follows_derives_from_both_ways(svc, g):
    g.datasets(["src", "mid", "out", "agg"], columns={"src": ["email", "id"],
                                                      "mid": ["email"], "out": ["mail"]})
    g.derives([(g.col("mid", "email"), g.col("src", "email"))], job="j1",
              transformation={"type": "DIRECT", "subtype": "IDENTITY", "masking": False})
    g.derives([(g.col("out", "mail"), g.col("mid", "email"))], job="j2",
              transformation={"type": "DIRECT", "subtype": "TRANSFORMATION", "masking": True,
                              "description": "sha256(email)"})
    g.derives([(g.ds("agg"), g.col("src", "id"))], job="j3",
              transformation={"type": "INDIRECT", "subtype": "GROUP_BY"})
    down = svc.lineage(g.col("src", "email"), depth=5)
    assert degrees(down) == {g.col("src", "email"): 0, g.col("mid", "email"): 1,
                             g.col("out", "mail"): 2}
    masked = next(e for e in down.edges if e.downstream == g.col("out", "mail"))
    assert masked.type is Rel.DERIVES_FROM and masked.jobs == [g.job("j2")]
    assert masked.transformations == [{"type": "DIRECT", "subtype": "TRANSFORMATION",
                                       "masking": True, "description": "sha256(email)"}]
    up = svc.lineage(g.col("out", "mail"), direction=Direction.UPSTREAM, depth=5)
    assert degrees(up) == {g.col("out", "mail"): 0, g.col("mid", "email"): 1,
                           g.col("src", "email"): 2}
    # from a dataset at column level: all its columns start; a dataset-level dependency
    # (agg derives from src.id as a whole) shows as a dataset node
    whole = svc.lineage(g.ds("src"), level=Level.COLUMN, depth=5)
    assert {i for i, d in degrees(whole).items() if d == 0} == {
        g.ds("src"), g.col("src", "email"), g.col("src", "id")}
    assert degrees(whole)[g.ds("agg")] == 1 and degrees(whole)[g.col("out", "mail")] == 2
    agg_up = svc.lineage(g.ds("agg"), level=Level.COLUMN, direction=Direction.UPSTREAM)
    assert degrees(agg_up) == {g.ds("agg"): 0, g.col("src", "id"): 1}


def test_as_of_leaves_out_closed_edges_and_diff_lists_changes(svc, g, store):
    g.datasets(["a", "b", "c", "d"])
    before = now_iso()
    g.feeds([("a", "b"), ("a", "c")])
    written = now_iso()
    # a later harvest of the same scope sees only a -> b: a -> c is closed, not deleted
    harvest = now_iso()
    g.feeds([("a", "b")])
    store.close_stale(g.scope, harvest, max_ratio=1.0, labels=[], rels=[Rel.FEEDS])
    g.feeds([("a", "d")])
    after = now_iso()
    now = svc.lineage(g.ds("a"))
    assert set(degrees(now)) == {g.ds("a"), g.ds("b"), g.ds("d")}
    then = svc.lineage(g.ds("a"), as_of=written)
    assert set(degrees(then)) == {g.ds("a"), g.ds("b"), g.ds("c")}
    assert set(degrees(svc.lineage(g.ds("a"), as_of=before))) == {g.ds("a")}

    d = svc.diff(g.ds("a"), written, after)
    assert {(e.upstream, e.downstream) for e in d.closed} == {(g.ds("a"), g.ds("c"))}
    assert {(e.upstream, e.downstream) for e in d.added} == {(g.ds("a"), g.ds("d"))}
    assert all(e.props["valid_to"] for e in d.closed)
    with pytest.raises(InvalidInput, match="later than"):
        svc.diff(g.ds("a"), after, written)


def test_unknown_and_malformed_ids_are_errors_not_empty_answers(svc, g):
    with pytest.raises(NotFound, match="nowhere"):
        svc.lineage("dataset:nowhere:x.y")
    with pytest.raises(NotFound):
        svc.lineage(g.col("missing", "c"))
    with pytest.raises(NotFound):
        svc.lineage(g.ds("missing"), level=Level.COLUMN, direction=Direction.BOTH)
    with pytest.raises(NotFound):
        svc.diff(g.ds("missing"), "2020-01-01T00:00:00.000000Z", now_iso())
    with pytest.raises(InvalidInput) as err:
        svc.lineage("table:orders")
    assert err.value.path == "node_id"
    with pytest.raises(InvalidInput, match="Domain"):
        svc.lineage("domain:sales")
    g.datasets(["a"], columns={"a": ["c"]})
    with pytest.raises(InvalidInput, match="COLUMN level") as err:
        svc.lineage(g.col("a", "c"), level=Level.DATASET)
    with pytest.raises(InvalidInput) as err:
        svc.lineage(g.ds("a"), depth=21)
    assert err.value.path == "depth"
    with pytest.raises(InvalidInput) as err:
        svc.lineage(g.ds("a"), max_nodes_per_hop=0)
    assert err.value.path == "max_nodes_per_hop"
