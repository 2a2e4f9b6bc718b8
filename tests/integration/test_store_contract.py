"""GraphStore contract, on every engine the session has (embedded always)."""

from __future__ import annotations

import threading
import time

import pytest

from graph import InvalidInput, Label, Rel, StaleGuardError
from graph.labels import Direction
from identity import ids
from tests.support.engines import own_graph


def _datasets(uid: str, n: int) -> list[dict]:
    return [
        {
            "id": ids.dataset_id(f"test-{uid}", f"db.t{i}"),
            "namespace": f"test-{uid}",
            "name": f"db.t{i}",
            "kind": "table",
        }
        for i in range(n)
    ]


def test_upsert_twice_keeps_counts_and_moves_last_seen(store, uid):
    rows = _datasets(uid, 20)
    store.upsert_datasets(rows, source="database")
    first = store.get_nodes([r["id"] for r in rows])
    time.sleep(0.01)
    store.upsert_datasets(rows, source="database")
    second = store.get_nodes([r["id"] for r in rows])
    assert len(first) == len(second) == 20
    page, total = store.list_nodes(Label.DATASET, namespace=f"test-{uid}", first=100)
    assert total == 20 and len(page) == 20
    for node_id, node in second.items():
        assert node["first_seen"] == first[node_id]["first_seen"]
        assert node["last_seen"] > first[node_id]["last_seen"]
        assert node["source"] == "database" and node.get("valid_to") is None


def _one_of_everything(uid: str):
    """Nodes of every label and one edge of every relationship type, written by `write`."""
    d = ids.dataset_id(f"rt-{uid}", "db.orders")
    d2 = ids.dataset_id(f"rt-{uid}", "db.orders_copy")
    c, c2 = ids.column_id(d, "id"), ids.column_id(d2, "id")
    nodes = {
        Label.DOMAIN: ids.domain_id(f"sales-{uid}"),
        Label.DATA_PRODUCT: ids.product_id(uid, "p"),
        Label.DATASET: d,
        Label.COLUMN: c,
        Label.JOB: ids.job_id(uid, "etl"),
        Label.RUN: ids.run_id(f"{uid}-r1"),
        Label.OWNER: ids.owner_id(f"team-{uid}"),
        Label.TAG: ids.tag_id(f"t-{uid}"),
        Label.CLASSIFICATION: ids.classification_id(uid),
    }

    def write(tx):
        for label, node_id in nodes.items():
            tx.upsert_nodes(label, [{"id": node_id, "name": node_id}], source="manual")
        tx.upsert_nodes(Label.DATASET, [{"id": d2, "name": "copy"}], source="manual")
        tx.upsert_nodes(Label.COLUMN, [{"id": c2, "name": "id"}], source="manual")
        tx.upsert_nodes(Label.RUN, [{"id": ids.run_id(f"{uid}-parent")}], source="manual")
        edges = {
            Rel.HAS_PRODUCT: (nodes[Label.DOMAIN], nodes[Label.DATA_PRODUCT]),
            Rel.CONTAINS: (nodes[Label.DATA_PRODUCT], d),
            Rel.HAS_COLUMN: (d, c),
            Rel.READS: (nodes[Label.JOB], d),
            Rel.WRITES: (nodes[Label.JOB], d2),
            Rel.FEEDS: (d, d2),
            Rel.DERIVES_FROM: (c2, c),
            Rel.REFERENCES: (c2, c),
            Rel.OF_JOB: (nodes[Label.RUN], nodes[Label.JOB]),
            Rel.PARENT: (nodes[Label.RUN], ids.run_id(f"{uid}-parent")),
            Rel.CLASSIFIED_AS: (c, nodes[Label.CLASSIFICATION]),
            Rel.TAGGED: (d, nodes[Label.TAG]),
            Rel.OWNED_BY: (d, nodes[Label.OWNER]),
            Rel.SAME_AS: (d2, d),
        }
        for rel, (a, b) in edges.items():
            assert tx.upsert_edges(rel, [{"src": a, "dst": b}], source="manual") == 1
        return edges

    # two datasets, two columns and two runs; one of every other label and of every edge
    added = {lab.value: 1 for lab in Label} | {r.value: 1 for r in Rel}
    added |= {Label.DATASET.value: 2, Label.COLUMN.value: 2, Label.RUN.value: 2}
    return nodes, write, added


def test_every_label_and_relationship_round_trips(store, uid):
    nodes, write, _ = _one_of_everything(uid)
    edges = store.write(write)
    assert set(edges) == set(Rel)
    got = store.get_nodes(nodes.values())
    assert {n["label"] for n in got.values()} == {lab.value for lab in Label}
    for rel, (a, b) in edges.items():
        out = store.neighbours([a], rel, Direction.OUT)[a]
        assert b in [n["id"] for _, n in out], rel
        back = store.neighbours([b], rel, Direction.IN)[b]
        assert a in [n["id"] for _, n in back], rel
        assert all(e["first_seen"] and e["source"] == "manual" for e, _ in out)


def test_malformed_id_refused_before_any_write(store, uid):
    rows = _datasets(uid, 3) + [{"id": f"dataset-{uid}-no-prefix", "name": "bad"}]
    with pytest.raises(InvalidInput) as exc:
        store.upsert_datasets(rows, source="manual")
    assert exc.value.path == "rows[3].id"
    assert store.get_nodes([r["id"] for r in rows[:3]]) == {}


def test_id_of_another_label_refused(store, uid):
    with pytest.raises(InvalidInput, match="is a Domain id, not a Dataset id"):
        store.upsert_datasets([{"id": ids.domain_id(uid)}], source="manual")


def test_edge_with_wrong_endpoint_label_refused(store, uid):
    with pytest.raises(InvalidInput, match="HAS_COLUMN cannot start at a Domain"):
        store.upsert_edges(
            Rel.HAS_COLUMN,
            [{"src": ids.domain_id(uid), "dst": ids.column_id(ids.dataset_id("x", "y.z"), "c")}],
            source="manual",
        )


def test_map_property_refused_with_path(store, uid):
    with pytest.raises(InvalidInput) as exc:
        store.upsert_datasets(
            [{"id": ids.dataset_id(uid, "a.b"), "meta": {"x": 1}}], source="manual"
        )
    assert exc.value.path == "rows[0].meta"


def test_missing_endpoint_rolls_back_the_whole_transaction(store, uid):
    d = ids.dataset_id(uid, "db.a")

    def write(tx):
        tx.upsert_nodes(Label.DATASET, [{"id": d, "name": "a"}], source="manual")
        tx.upsert_edges(
            Rel.FEEDS, [{"src": d, "dst": ids.dataset_id(uid, "db.missing")}], source="manual"
        )

    with pytest.raises(InvalidInput, match="endpoint does not exist"):
        store.write(write)
    assert store.get_nodes([d]) == {}


def test_writes_from_eight_threads_lose_nothing(store, uid):
    errors: list[Exception] = []
    ns = f"mt-{uid}"
    shared = [
        {"id": ids.dataset_id(ns, f"db.shared{i}"), "name": f"s{i}", "namespace": ns}
        for i in range(30)
    ]

    def worker(t: int) -> None:
        try:
            for k in range(10):
                own = [
                    {"id": ids.dataset_id(ns, f"db.t{t}_{k}_{i}"), "name": "x", "namespace": ns}
                    for i in range(20)
                ]
                store.upsert_datasets(shared + own, source="manual")
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(t,)) for t in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    page, total = store.list_nodes(Label.DATASET, first=1, namespace=f"mt-{uid}")
    assert total == 30 + 8 * 10 * 20


def test_list_nodes_pages_by_cursor(store, uid):
    store.upsert_datasets(_datasets(uid, 25), source="manual")
    seen, after = [], None
    while True:
        page, total = store.list_nodes(
            Label.DATASET, namespace=f"test-{uid}", first=10, after=after
        )
        if not page:
            break
        seen += [n["id"] for n in page]
        after = page[-1]["id"]
    assert total == 25 and len(seen) == 25 == len(set(seen)) and seen == sorted(seen)


def test_close_stale_closes_unseen_and_guard_refuses_mass_close(store, uid):
    scope = f"database:{uid}"
    rows = _datasets(uid, 10)
    store.upsert_datasets(rows, source="database", scope=scope)
    time.sleep(0.01)
    cut = store.write(lambda tx: tx.now)
    store.upsert_datasets(rows[:9], source="database", scope=scope)  # one no longer seen
    closed = store.close_stale(scope, cut, max_ratio=0.2)
    assert closed == {"Dataset": 1}
    assert store.get_node(rows[9]["id"]).get("valid_to") is not None
    assert store.get_node(rows[0]["id"]).get("valid_to") is None

    time.sleep(0.01)
    cut2 = store.write(lambda tx: tx.now)
    store.upsert_datasets(rows[:2], source="database", scope=scope)  # 7 of 9 unseen
    with pytest.raises(StaleGuardError, match="refusing to close 7 of 9"):
        store.close_stale(scope, cut2, max_ratio=0.2)
    assert all(store.get_node(r["id"]).get("valid_to") is None for r in rows[:9])
    # seen again: reopened
    store.upsert_datasets(rows, source="database", scope=scope)
    assert store.get_node(rows[9]["id"]).get("valid_to") is None


def test_counts_count_every_label_and_relationship(tmp_path, uid):
    """On a graph of its own (the shared one has writers in the background, such as the
    server's re-propagation), so every count is known exactly."""
    with own_graph(tmp_path) as g:
        own = g.store()
        try:
            before = own.counts()
            assert set(before) == {lab.value for lab in Label} | {r.value for r in Rel}
            nodes, write, added = _one_of_everything(uid)
            own.write(write)
            after = own.counts()
            assert {k: after[k] - before[k] for k in after} == added
            # a second write of the same facts adds nothing
            own.write(write)
            assert own.counts() == after
            # closed facts still count, but not as current ones
            own.write(lambda tx: tx.close_nodes(Label.TAG, [nodes[Label.TAG]]))
            assert own.counts() == after
            current = own.counts(current=True)
            assert after[Label.TAG.value] - current[Label.TAG.value] == 1
            assert current[Label.DATASET.value] == after[Label.DATASET.value]
        finally:
            own.close()


def test_listeners_see_committed_changes_only(store, uid):
    seen = []
    store.add_listener(seen.append)
    rows, other = _datasets(uid, 3), _datasets(uid + "x", 2)
    missing = ids.dataset_id("no", "x.y")

    def failing(tx):
        tx.upsert_nodes(Label.DATASET, other, source="manual")
        tx.upsert_edges(Rel.FEEDS, [{"src": rows[0]["id"], "dst": missing}], source="manual")

    try:
        store.upsert_datasets(rows, source="manual")
        with pytest.raises(InvalidInput):
            store.write(failing)
    finally:
        store._listeners.remove(seen.append)
    written = [[r["id"] for r in c.nodes.get(Label.DATASET, [])] for c in seen]
    assert [r["id"] for r in rows] in written
    assert not any(o["id"] in w for o in other for w in written)
