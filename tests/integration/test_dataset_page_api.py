"""The GraphQL the dataset and product pages read: recent runs of a dataset's jobs, its
quality as last reported, and a product's contract status."""

from __future__ import annotations

import json

import pytest

from graph import Label, Rel
from tests.support.lineage import Mesh
from tests.support.server import gql

PAGE = """query($id: ID!, $first: Int!) { dataset(id: $id) {
  runs(first: $first) { id state started ended error job { name } }
  quality { passed rowCount reportedBy metrics assertions { assertion column success status } }
} }"""


@pytest.fixture
def mesh(store, uid) -> Mesh:
    return Mesh(store, uid)


def runs(m: Mesh, job: str, starts: list[str], state: str = "COMPLETE") -> None:
    def fn(tx):
        rows = [{"id": f"run:{m.uid}-{job}-{i}", "state": state, "started": s,
                 "ended": s.replace("T00", "T01")} for i, s in enumerate(starts)]
        tx.upsert_nodes(Label.RUN, rows, source="openlineage", scope=f"runs-{m.uid}")
        tx.upsert_edges(Rel.OF_JOB, [{"src": r["id"], "dst": m.job(job)} for r in rows],
                        source="openlineage", scope=f"runs-{m.uid}")
    m.write(fn)


def test_recent_runs_are_those_of_the_writers_newest_first(server, mesh):
    mesh.datasets(["src", "out"])
    mesh.feeds([("src", "out")], job="load")
    runs(mesh, "load", [f"2024-01-0{d}T00:00:00Z" for d in (3, 1, 5, 2, 4)])
    mesh.feeds([("out", "src")], job="backfill")  # writes `src` (a cycle), reads `out`
    runs(mesh, "backfill", ["2024-02-01T00:00:00Z"], state="FAIL")
    got = gql(server, PAGE, {"id": mesh.ds("out"), "first": 3})["data"]["dataset"]["runs"]
    assert [r["started"][:10] for r in got] == ["2024-01-05", "2024-01-04", "2024-01-03"]
    assert {r["job"]["name"] for r in got} == {"load"}
    # `src` is written by backfill: its runs, not those of `load`, which only reads it
    got = gql(server, PAGE, {"id": mesh.ds("src"), "first": 10})["data"]["dataset"]["runs"]
    assert [(r["job"]["name"], r["state"]) for r in got] == [("backfill", "FAIL")]


def test_a_source_nothing_writes_shows_the_runs_of_its_readers(server, mesh):
    mesh.datasets(["raw", "clean"])
    mesh.feeds([("raw", "clean")], job="cleanse")
    runs(mesh, "cleanse", ["2024-03-01T00:00:00Z"])
    got = gql(server, PAGE, {"id": mesh.ds("raw"), "first": 5})["data"]["dataset"]["runs"]
    assert [r["job"]["name"] for r in got] == ["cleanse"]


def test_runs_page_size_is_bounded(server, mesh):
    mesh.datasets(["x"])
    answer = gql(server, PAGE, {"id": mesh.ds("x"), "first": 0})
    assert answer["errors"][0]["extensions"]["code"] == "BAD_INPUT"
    assert answer["errors"][0]["extensions"]["field"] == "first"


def test_quality_as_reported_by_the_last_run(server, mesh, store):
    mesh.datasets(["q", "none"])
    assertions = [{"assertion": "not_null", "column": "id", "success": True},
                  {"assertion": "unique", "column": "id", "success": False},
                  {"assertion": "accepted_values", "column": "state", "status": "not run",
                   "success": None}]
    store.write(lambda tx: tx.upsert_nodes(Label.DATASET, [{
        "id": mesh.ds("q"), "quality_assertions": json.dumps(assertions),
        "quality_metrics": json.dumps({"rowCount": 10}), "row_count": 10,
        "stats_run": "run:abc"}], source="openlineage", scope=f"q-{mesh.uid}"))
    q = gql(server, PAGE, {"id": mesh.ds("q"), "first": 1})["data"]["dataset"]["quality"]
    assert q["passed"] is False and q["rowCount"] == 10 and q["reportedBy"] == "run:abc"
    assert q["metrics"] == {"rowCount": 10}
    assert [(a["assertion"], a["success"], a["status"]) for a in q["assertions"]] == [
        ("not_null", True, "pass"), ("unique", False, "fail"),
        ("accepted_values", None, "not run")]
    assert gql(server, PAGE, {"id": mesh.ds("none"), "first": 1}
               )["data"]["dataset"]["quality"] is None


def test_product_contract_status(server, mesh, store):
    pid, bare = mesh.product("with-contract"), mesh.product("bare")
    violations = [{"kind": "missing_column", "message": "orders.total is missing"}]
    store.write(lambda tx: tx.upsert_nodes(Label.DATA_PRODUCT, [
        {"id": pid, "name": "with-contract", "contract_ref": "contracts/orders.yaml",
         "contract_format": "odcs-v3", "contract_id": "orders", "contract_version": "2.1.0",
         "contract_status": "fail", "contract_violations": json.dumps(violations),
         "contract_checked_at": "2024-05-01T00:00:00Z"},
        {"id": bare, "name": "bare"}], source="manifest", scope=f"p-{mesh.uid}"))
    q = """query($id: ID!) { dataProduct(id: $id) { contract { ref format contractId version
        status violations checkedAt } } }"""
    c = gql(server, q, {"id": pid})["data"]["dataProduct"]["contract"]
    assert c == {"ref": "contracts/orders.yaml", "format": "odcs-v3", "contractId": "orders",
                 "version": "2.1.0", "status": "fail", "violations": violations,
                 "checkedAt": "2024-05-01T00:00:00Z"}
    assert gql(server, q, {"id": bare})["data"]["dataProduct"]["contract"] is None


PAGE_FIELDS = """id name columns { id name classifications { status classification { name } } }
  owners { name role } tags { name } classifications { status classification { name } }"""


def test_dataset_page_in_one_read_answers_as_field_by_field(server, mesh, store):
    """`dataset(id:)` fetches its page at once (graph.pages); `node(id:)` resolves field by
    field through the dataloaders. Both must give the same current facts, by any name."""
    from graph.classification import close_edges

    mesh.datasets(["orders", "alias"], columns={"orders": ["id", "email", "gone"]})
    ds, alias = mesh.ds("orders"), mesh.ds("alias")

    def fn(tx):
        src = "manual"
        tx.upsert_nodes(Label.OWNER, [{"id": mesh.owner("sales"), "name": f"{mesh.uid}-sales",
                                       "type": "team"}], source=src)
        tx.upsert_nodes(Label.TAG, [{"id": f"tag:{mesh.uid}-{t}", "name": f"{mesh.uid}-{t}"}
                                    for t in ("gold", "old")], source=src)
        tx.upsert_nodes(Label.CLASSIFICATION, [{"id": "classification:PII.Email",
                                                "name": "PII.Email"}], source=src)
        tx.upsert_edges(Rel.SAME_AS, [{"src": alias, "dst": ds}], source=src)
        tx.upsert_edges(Rel.OWNED_BY, [{"src": ds, "dst": mesh.owner("sales"),
                                        "role": "owner"}], source=src)
        tx.upsert_edges(Rel.TAGGED, [{"src": ds, "dst": f"tag:{mesh.uid}-{t}"}
                                     for t in ("gold", "old")], source=src)
        tx.upsert_edges(Rel.CLASSIFIED_AS, [
            {"src": mesh.col("orders", c), "dst": "classification:PII.Email",
             "status": "accepted"} for c in ("email", "gone")]
            + [{"src": ds, "dst": "classification:PII.Email", "status": "suggested"}],
            source=src)
        close_edges(tx, Rel.TAGGED, Label.TAG, [{"src": ds, "dst": f"tag:{mesh.uid}-old",
                                                 "by": "test", "reason": "removed"}])
        close_edges(tx, Rel.HAS_COLUMN, Label.COLUMN, [
            {"src": ds, "dst": mesh.col("orders", "gone"), "by": "test", "reason": "dropped"}])
    mesh.write(fn)

    folded = gql(server, f"query($id: ID!) {{ dataset(id: $id) {{ {PAGE_FIELDS} }} }}",
                 {"id": alias})["data"]["dataset"]
    by_field = gql(server, f"query($id: ID!) {{ node(id: $id) {{ ... on Dataset {{ "
                           f"{PAGE_FIELDS} }} }} }}", {"id": ds})["data"]["node"]
    assert folded == by_field
    assert folded["id"] == ds  # the alias resolved to the dataset it names
    assert [c["name"] for c in folded["columns"]] == ["email", "id"]  # `gone` is closed
    email = next(c for c in folded["columns"] if c["name"] == "email")
    assert email["classifications"] == [{"status": "accepted",
                                         "classification": {"name": "PII.Email"}}]
    assert folded["owners"] == [{"name": f"{mesh.uid}-sales", "role": "owner"}]
    assert folded["tags"] == [{"name": f"{mesh.uid}-gold"}]  # `old` is closed
    assert folded["classifications"] == [{"status": "suggested",
                                          "classification": {"name": "PII.Email"}}]
