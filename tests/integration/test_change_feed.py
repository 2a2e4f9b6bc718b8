"""The change feed (graph/feed.py): every committed write transaction leaves one record that
another process can read; a rolled-back one leaves none."""

from __future__ import annotations

import time

import pytest

from graph import feed
from graph.errors import InvalidInput
from graph.labels import Label, Rel
from identity import ids
from tests.support.engines import own_graph


@pytest.fixture(scope="module")
def other(graph, store):
    """A second process's view of the same graph (on embedded: an attached store)."""
    s = graph.store()
    yield s
    s.close()


def _mine(store, other, since: int) -> list[feed.Record]:
    return [r for r in feed.read_since(other, since) if r.origin == store.origin]


def test_a_write_is_one_record_another_process_reads(store, other, uid):
    since = feed.now_ms(other)
    ds = ids.dataset_id(f"feed-{uid}", "db.t")
    col = ids.column_id(ds, "email")

    def write(tx):
        tx.upsert_nodes(Label.DATASET, [{"id": ds, "name": "db.t"}], source="manual")
        tx.upsert_nodes(Label.COLUMN, [{"id": col, "name": "email", "type": "text"}],
                        source="manual")
        tx.upsert_edges(Rel.HAS_COLUMN, [{"src": ds, "dst": col}], source="manual")

    store.write(write)
    records = _mine(store, other, since)
    assert len(records) == 1 and records[0].at >= since
    got = feed.payloads(other, [records[0].id])[records[0].id]
    assert [r["id"] for r in got.nodes[Label.DATASET]] == [ds]
    assert got.nodes[Label.COLUMN][0]["type"] == "text"
    assert [(e["src"], e["dst"]) for e in got.edges[Rel.HAS_COLUMN]] == [(ds, col)]

    store.write(lambda tx: tx.close_nodes(Label.COLUMN, [col]))
    later = _mine(store, other, since)
    assert len(later) == 2
    closed = feed.payloads(other, [later[1].id])[later[1].id]
    assert closed.closed[Label.COLUMN] == [col]


def test_a_rolled_back_write_leaves_no_record(store, other, uid):
    since = feed.now_ms(other)
    ds = ids.dataset_id(f"feed-{uid}", "db.x")

    def failing(tx):
        tx.upsert_nodes(Label.DATASET, [{"id": ds, "name": "db.x"}], source="manual")
        tx.upsert_edges(Rel.FEEDS, [{"src": ds, "dst": ids.dataset_id("nowhere", uid)}],
                        source="manual")  # the endpoint is missing: the whole write fails

    with pytest.raises(InvalidInput):
        store.write(failing)
    assert _mine(store, other, since) == []
    assert store.get_nodes([ds]) == {}


def test_a_read_only_transaction_writes_no_record(store, other):
    since = feed.now_ms(other)
    store.write(lambda tx: tx.run("RETURN 1 AS one"))
    assert _mine(store, other, since) == []


def test_prune_drops_records_older_than_the_cut(tmp_path, uid):
    """On a graph of its own: pruning the shared graph's feed would cut other processes'."""
    with own_graph(tmp_path) as g, g.store() as own:
        own.upsert_datasets([{"id": ids.dataset_id(f"prune-{uid}", "db.a"), "name": "db.a"}],
                            source="manual")
        cut = feed.now_ms(own) + 1
        time.sleep(0.01)  # the next record's stamp is past the cut, on any clock resolution
        own.upsert_datasets([{"id": ids.dataset_id(f"prune-{uid}", "db.b"), "name": "db.b"}],
                            source="manual")
        before = feed.read_since(own, 0)
        assert len(before) == 2
        assert feed.prune(own, cut) == 1
        left = feed.read_since(own, 0)
        assert [r.id for r in left] == [before[1].id] and left[0].at >= cut


def test_a_follower_applies_foreign_records_once_in_commit_order(store, other, uid):
    follower = feed.Follower(other)
    mine = feed.Follower(store)  # the writer's own follower: its listeners saw these already
    follower.start_at(feed.now_ms(other))
    mine.start_at(feed.now_ms(store))
    seen: list = []
    follower.subscribe(seen.append)
    own: list = []
    mine.subscribe(own.append)
    ns = f"follow-{uid}"
    for k in range(3):
        store.upsert_datasets([{"id": ids.dataset_id(ns, f"db.t{k}"), "name": f"db.t{k}"}],
                              source="manual")
    assert follower.poll() >= 3
    prefix = ids.dataset_id(ns, "db.")

    def ours(changes) -> list[str]:
        return [r["id"] for r in changes.nodes.get(Label.DATASET, [])
                if r["id"].startswith(prefix)]

    got = [i for c in seen for i in ours(c)]
    assert got == [ids.dataset_id(ns, f"db.t{k}") for k in range(3)]
    before = len(seen)
    follower.poll()  # the overlap re-reads them: applied once all the same
    assert [i for c in seen[before:] for i in ours(c)] == []
    mine.poll()
    assert [i for c in own for i in ours(c)] == []
