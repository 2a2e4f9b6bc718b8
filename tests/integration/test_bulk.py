"""graph.bulk: columns with their HAS_COLUMN edges, same results as the generic upserts."""

from __future__ import annotations

import time

import pytest

from graph import InvalidInput, Label, Rel
from graph.bulk import store_dataset_columns, store_edges_bulk, store_nodes_bulk
from identity import ids


def _dataset(store, uid: str, name: str) -> str:
    d = ids.dataset_id(f"bulk-{uid}", name)
    store.upsert_datasets([{"id": d, "namespace": f"bulk-{uid}", "name": name}],
                          source="database")
    return d


def _has_columns(store, d: str) -> dict[str, tuple[dict, dict]]:
    return {node["id"]: (edge, node) for edge, node in store.neighbours([d], Rel.HAS_COLUMN)[d]}


def test_new_and_existing_columns_get_nodes_edges_and_provenance(store, uid):
    d = _dataset(store, uid, "db.orders")
    cols = [{"id": ids.column_id(d, n), "name": n, "path": n, "type": "varchar",
             "ordinal": i, "nullable": True} for i, n in enumerate(["id", "email", "amt"])]
    cols[1]["description"] = "customer email"
    assert store_dataset_columns(store, cols, source="database", scope=f"s-{uid}") == 3
    first = _has_columns(store, d)
    assert set(first) == {c["id"] for c in cols}
    edge, node = first[cols[1]["id"]]
    assert node["description"] == "customer email" and node["scope"] == f"s-{uid}"
    assert "description" not in first[cols[0]["id"]][1]  # absent, not null
    assert edge["source"] == "database" and edge["first_seen"] == edge["last_seen"]

    time.sleep(0.01)
    # again, with one new column and one carrying a property the CREATE path does not know
    more = [dict(cols[0], type="bigint"), dict(cols[2], pii=False),
            {"id": ids.column_id(d, "region"), "name": "region", "ordinal": 3}]
    assert store_dataset_columns(store, more, source="database", scope=f"s-{uid}") == 3
    second = _has_columns(store, d)
    assert len(second) == 4
    edge, node = second[cols[0]["id"]]
    assert node["type"] == "bigint" and node["first_seen"] == first[cols[0]["id"]][1]["first_seen"]
    assert node["last_seen"] > first[cols[0]["id"]][1]["last_seen"]
    assert edge["last_seen"] > first[cols[0]["id"]][0]["last_seen"]
    assert second[cols[2]["id"]][1]["pii"] is False


def test_repeated_ids_in_one_call_merge_like_upserts(store, uid):
    d = _dataset(store, uid, "db.t")
    c = ids.column_id(d, "x")
    store_dataset_columns(store, [{"id": c, "name": "x"}, {"id": c, "type": "int"}],
                          source="database")
    (edge, node), = _has_columns(store, d).values()
    assert node["name"] == "x" and node["type"] == "int"


def test_a_missing_dataset_fails_the_whole_write(store, uid):
    d = _dataset(store, uid, "db.present")
    missing = ids.dataset_id(f"bulk-{uid}", "db.absent")
    rows = [{"id": ids.column_id(d, "a"), "name": "a"},
            {"id": ids.column_id(missing, "b"), "name": "b"}]
    with pytest.raises(InvalidInput, match="db.absent"):
        store_dataset_columns(store, rows, source="database")
    assert _has_columns(store, d) == {}  # nothing half-written


def test_a_malformed_column_id_is_refused_before_any_query(store, uid):
    with pytest.raises(InvalidInput, match=r"rows\[0\]\.id"):
        store_dataset_columns(store, [{"id": f"dataset:bulk-{uid}:t", "name": "a"}],
                              source="database")


def _lineage(store, uid: str, n: int) -> list[str]:
    ds = [ids.dataset_id(f"bulk-{uid}", f"db.t{i}") for i in range(n)]
    store.upsert_datasets([{"id": d, "namespace": f"bulk-{uid}", "name": d.rsplit(":", 1)[1]}
                           for d in ds], source="openlineage")
    store_dataset_columns(store, [{"id": ids.column_id(d, "c"), "name": "c"} for d in ds],
                          source="openlineage")
    return ds


def _out(store, node: str, rel: Rel) -> dict[str, dict]:
    pairs = store.neighbours([node], rel)[node]
    out = {n["id"]: e for e, n in pairs}
    assert len(out) == len(pairs), f"duplicate {rel} edges from {node}"
    return out


def test_bulk_edges_create_new_ones_and_upsert_existing_ones(store, uid):
    a, b, c = _lineage(store, uid, 3)
    col = {d: ids.column_id(d, "c") for d in (a, b, c)}
    job = ids.job_id("bulk", uid)
    tx1 = '[{"subtype": "IDENTITY", "type": "DIRECT"}]'
    rows = [{"src": col[b], "dst": col[a], "job": job, "transformations": tx1},
            {"src": col[c], "dst": col[a], "job": job, "transformations": tx1}]
    assert store_edges_bulk(store, Rel.DERIVES_FROM, rows, source="openlineage") == 2
    first = _out(store, col[b], Rel.DERIVES_FROM)[col[a]]
    assert first["job"] == job and first["transformations"] == tx1
    assert first["source"] == "openlineage" and first["first_seen"] == first["last_seen"]

    time.sleep(0.01)
    tx2 = '[{"subtype": "AGGREGATION", "type": "DIRECT"}]'
    again = [dict(rows[0], transformations=tx2),  # exists: upserted
             {"src": col[c], "dst": col[b], "job": job, "transformations": tx2}]  # new
    assert store_edges_bulk(store, Rel.DERIVES_FROM, again, source="openlineage") == 2
    second = _out(store, col[b], Rel.DERIVES_FROM)
    assert len(second) == 1 and second[col[a]]["transformations"] == tx2
    assert second[col[a]]["first_seen"] == first["first_seen"]
    assert second[col[a]]["last_seen"] > first["last_seen"]
    assert set(_out(store, col[c], Rel.DERIVES_FROM)) == {col[a], col[b]}


def test_bulk_edges_from_the_end_with_extra_properties_and_repeats(store, uid):
    a, b, c = _lineage(store, uid, 3)
    rows = [{"src": a, "dst": c, "jobs": ["job:x:1"]}, {"src": b, "dst": c, "jobs": ["j"],
                                                         "note": "not in the CREATE"},
            {"src": a, "dst": c, "jobs": ["job:x:2"]}]
    assert store_edges_bulk(store, Rel.FEEDS, rows, source="openlineage") == 2
    assert _out(store, a, Rel.FEEDS)[c]["jobs"] == ["job:x:2"]
    assert _out(store, b, Rel.FEEDS)[c]["note"] == "not in the CREATE"
    product = ids.product_id(uid, "p")
    store.upsert_data_products([{"id": product, "name": "p"}], source="manifest")
    contains = [{"src": product, "dst": d} for d in (a, b, c)]
    assert store_edges_bulk(store, Rel.CONTAINS, contains, source="manifest") == 3
    assert store_edges_bulk(store, Rel.CONTAINS, contains, source="manifest") == 3
    assert set(_out(store, product, Rel.CONTAINS)) == {a, b, c}


def test_bulk_edges_with_a_missing_endpoint(store, uid):
    a, b = _lineage(store, uid, 2)
    ghost = ids.dataset_id(f"bulk-{uid}", "db.ghost")
    rows = [{"src": a, "dst": b, "jobs": []}, {"src": ghost, "dst": b, "jobs": []}]
    with pytest.raises(InvalidInput, match=r"rows\[1\].*db.ghost"):
        store_edges_bulk(store, Rel.FEEDS, rows, source="openlineage")
    assert _out(store, a, Rel.FEEDS) == {}  # the good row was rolled back with the bad one
    assert store_edges_bulk(store, Rel.FEEDS, rows, source="openlineage", strict=False) == 1
    assert set(_out(store, a, Rel.FEEDS)) == {b}


def test_bulk_nodes_create_new_ones_and_upsert_the_rest(store, uid):
    ns = f"bulk-{uid}"
    rows = [{"id": ids.dataset_id(ns, f"db.n{i}"), "namespace": ns, "name": f"db.n{i}",
             "kind": "table"} for i in range(3)]
    rows[0]["description"] = "first"
    assert store_nodes_bulk(store, Label.DATASET, rows, source="database") == 3
    first = store.get_nodes([r["id"] for r in rows])
    assert first[rows[0]["id"]]["description"] == "first"
    assert "description" not in first[rows[1]["id"]]
    assert first[rows[2]["id"]]["first_seen"] == first[rows[2]["id"]]["last_seen"]

    time.sleep(0.01)
    again = [dict(rows[0], kind="view"),  # exists: MERGEd
             dict(rows[1], retention_days=30),  # a property the CREATE does not write
             {"id": ids.dataset_id(ns, "db.n3"), "namespace": ns, "name": "db.n3"},
             {"id": ids.dataset_id(ns, "db.n3"), "kind": "topic"}]  # repeated id
    assert store_nodes_bulk(store, Label.DATASET, again, source="database") == 3
    second = store.get_nodes([r["id"] for r in again])
    assert second[rows[0]["id"]]["kind"] == "view"
    assert second[rows[0]["id"]]["first_seen"] == first[rows[0]["id"]]["first_seen"]
    assert second[rows[0]["id"]]["last_seen"] > first[rows[0]["id"]]["last_seen"]
    assert second[rows[1]["id"]]["retention_days"] == 30
    assert second[again[2]["id"]]["name"] == "db.n3" and second[again[2]["id"]]["kind"] == "topic"
    page, total = store.list_nodes(Label.DATASET, namespace=ns, first=10)
    assert total == 4

    job = {"id": ids.job_id(ns, "etl"), "namespace": ns, "name": "etl", "type": "BATCH"}
    assert store_nodes_bulk(store, Label.JOB, [job], source="openlineage") == 1
    assert store.get_node(job["id"])["type"] == "BATCH"
