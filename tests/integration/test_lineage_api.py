"""Lineage over HTTP on the real server: GraphQL queries and GET /api/v1/impact."""

from __future__ import annotations

import csv
import io

import httpx
import pytest

from graph import Rel
from graph.props import now_iso
from tests.support.lineage import Mesh, build_mesh
from tests.support.server import gql, ok

LINEAGE = """query($input: LineageInput!) { lineage(input: $input) {
  root totalNodes truncated pageInfo { hasNextPage endCursor }
  nodes { id label degree side node { __typename ... on Dataset { name kind }
                                      ... on Column { name } } }
  edges { upstream downstream type jobs source firstSeen validTo
          transformations { type subtype masking description } } } }"""


@pytest.fixture
def g(store, uid) -> Mesh:
    m = Mesh(store, uid)
    build_mesh(m)
    return m


def test_lineage_query_answers_nodes_edges_and_entities(server, g):
    res = ok(gql(server, LINEAGE, {"input": {"id": g.ds("customers"), "depth": 2}}))["lineage"]
    assert res["root"] == g.ds("customers") and res["truncated"]  # report lies at depth 3
    assert [(n["id"], n["degree"], n["side"]) for n in res["nodes"]] == [
        (g.ds("customers"), 0, "ROOT"), (g.ds("orders"), 1, "DOWNSTREAM"),
        (g.ds("daily"), 2, "DOWNSTREAM")]
    assert res["nodes"][1]["node"] == {"__typename": "Dataset", "name": "orders",
                                       "kind": "table"}
    edge = res["edges"][0]
    assert edge["type"] == "FEEDS" and edge["jobs"] == [g.job("load_orders")]
    assert edge["source"] == "openlineage" and edge["firstSeen"] and edge["validTo"] is None


def test_an_answer_reads_the_edge_fields_its_query_selects(server, g):
    """The server reads the edges' stored properties only when the query selects one;
    asked through a fragment, or beside a selection without them, they are still there."""
    base = {"input": {"id": g.ds("customers"), "depth": 2}}

    def edges(selection: str, fragment: str = "") -> list[dict]:
        q = f"""query($input: LineageInput!) {{ lineage(input: $input) {{
          edges {{ upstream downstream {selection} }} }} }} {fragment}"""
        return ok(gql(server, q, base))["lineage"]["edges"]

    only_jobs = edges("type jobs")
    assert only_jobs[0]["jobs"] == [g.job("load_orders")]
    spread = edges("...Seen", "fragment Seen on LineageEdge { jobs lastSeen source }")
    assert [e["jobs"] for e in spread] == [e["jobs"] for e in only_jobs]
    assert all(e["lastSeen"] and e["source"] == "openlineage" for e in spread)
    inline = edges("... on LineageEdge { confidence firstSeen }")
    assert all(e["firstSeen"] for e in inline)


def test_column_lineage_with_transformations_and_paging(server, g):
    q = {"id": g.col("customers", "email"), "depth": 5, "first": 2}
    first = ok(gql(server, LINEAGE, {"input": q}))["lineage"]
    assert first["totalNodes"] == 3 and first["pageInfo"]["hasNextPage"] and first["truncated"]
    assert first["nodes"][1]["node"] == {"__typename": "Column", "name": "email"}
    assert first["edges"][0]["transformations"] == [
        {"type": "DIRECT", "subtype": "IDENTITY", "masking": None, "description": None}]
    rest = ok(gql(server, LINEAGE, {"input": {**q, "after": first["pageInfo"]["endCursor"]}}))
    rest = rest["lineage"]
    assert [n["id"] for n in rest["nodes"]] == [g.col("daily", "contact")]
    assert not rest["pageInfo"]["hasNextPage"] and not rest["truncated"]
    assert [(e["upstream"], e["downstream"]) for e in rest["edges"]] == [
        (g.col("orders", "email"), g.col("daily", "contact"))]


def test_as_of_through_graphql(server, g):
    res = ok(gql(server, LINEAGE, {"input": {"id": g.ds("customers"),
                                             "asOf": "2001-01-01T00:00:00Z"}}))["lineage"]
    assert [n["id"] for n in res["nodes"]] == [g.ds("customers")]
    res = ok(gql(server, LINEAGE, {"input": {"id": g.ds("customers"), "asOf": now_iso()}}))
    assert res["lineage"]["totalNodes"] == 4


def test_unknown_id_and_bad_input_are_graphql_errors_with_codes(server, g):
    data = gql(server, LINEAGE, {"input": {"id": "dataset:nowhere:x.y"}})
    assert data["data"] is None
    assert data["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert "dataset:nowhere:x.y" in data["errors"][0]["message"]
    data = gql(server, LINEAGE, {"input": {"id": g.ds("customers"), "depth": 99}})
    err = data["errors"][0]
    assert err["extensions"] == {"code": "BAD_INPUT", "field": "input.depth"}
    data = gql(server, LINEAGE, {"input": {"id": g.ds("customers"), "after": "%%%"}})
    assert data["errors"][0]["extensions"]["code"] == "BAD_INPUT"
    data = gql(server, "{ lineagePath(from: \"dataset:nowhere:a.b\", to: \"dataset:x:y.z\") "
                       "{ found } }")
    assert data["errors"][0]["extensions"]["code"] == "NOT_FOUND"


def test_impact_analysis_query(server, g):
    q = """query($input: ImpactAnalysisInput!) { impactAnalysis(input: $input) {
      root datasetCount columnCount truncated
      datasets { id degree kind domain { id } dataProduct { name } owners { name role }
                 classifications { name } classifiedColumns }
      columns { id dataset degree classifications { name } }
      byDomain { id datasetCount columnCount classifiedColumnCount }
      byOwner { id datasets }
      classifications { classification { id name } columns datasets } } }"""
    res = ok(gql(server, q, {"input": {"id": g.ds("customers")}}))["impactAnalysis"]
    assert res["datasetCount"] == 3 and res["columnCount"] == 2 and not res["truncated"]
    assert {d["id"]: (d["datasetCount"], d["columnCount"], d["classifiedColumnCount"])
            for d in res["byDomain"]} == {g.domain("sales"): (1, 1, 1),
                                          g.domain("finance"): (2, 1, 1)}
    assert res["classifications"][0]["classification"]["name"] == "PII.Email"
    assert len(res["classifications"][0]["columns"]) == 2
    filtered = ok(gql(server, q, {"input": {"id": g.ds("customers"), "kinds": ["view"]}}))
    assert [d["id"] for d in filtered["impactAnalysis"]["datasets"]] == [g.ds("report")]


def test_path_mesh_and_diff_queries(server, g):
    path = ok(gql(server, """query($a: ID!, $b: ID!) { lineagePath(from: $a, to: $b) {
        found reversed length nodes jobs edges { upstream downstream } } }""",
                  {"a": g.ds("customers"), "b": g.ds("report")}))["lineagePath"]
    assert path["found"] and path["length"] == 3 and path["jobs"] == [
        g.job("load_orders"), g.job("build_daily"), g.job("build_report")]
    mesh = ok(gql(server, """query($id: ID) {
        productLineage(input: {id: $id}) { nodes { id degree side }
          dependencies { upstream downstream edgeCount edges { upstream downstream jobs } } }
        }""", {"id": g.product("orders")}))["productLineage"]
    assert {(d["upstream"], d["downstream"], d["edgeCount"]) for d in mesh["dependencies"]} == {
        (g.product("crm"), g.product("orders"), 1), (g.product("orders"), g.product("revenue"), 1)}
    dom = ok(gql(server, """query($id: ID) { domainLineage(input: {id: $id}) {
        dependencies { upstream downstream } nodes { node { __typename } } } }""",
                 {"id": g.domain("finance")}))["domainLineage"]
    assert dom["dependencies"] == [{"upstream": g.domain("sales"),
                                    "downstream": g.domain("finance")}]
    assert {n["node"]["__typename"] for n in dom["nodes"]} == {"Domain"}
    since = now_iso()
    g.feeds([("report", "customers")])  # a new edge (and a cycle)
    diff = ok(gql(server, """query($id: ID!, $from: DateTime!, $to: DateTime!) {
        lineageDiff(id: $id, from: $from, to: $to) { added { upstream downstream }
                                                     closed { upstream } } }""",
                  {"id": g.ds("orders"), "from": since, "to": now_iso()}))["lineageDiff"]
    assert diff == {"added": [{"upstream": g.ds("report"), "downstream": g.ds("customers")}],
                    "closed": []}


def test_rest_impact_json_and_csv(server, g):
    r = httpx.get(f"{server}/api/v1/impact", params={"id": g.ds("customers")})
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    body = r.json()
    assert [d["id"] for d in body["datasets"]] == [g.ds("orders"), g.ds("daily"), g.ds("report")]
    assert {grp["id"] for grp in body["by_domain"]} == {g.domain("sales"), g.domain("finance")}
    assert body["classifications"][0]["classification"]["name"] == "PII.Email"

    r = httpx.get(f"{server}/api/v1/impact",
                  params={"id": g.ds("customers"), "format": "csv",
                          "domain": [g.domain("finance")]})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [(row["entity"], row["id"]) for row in rows] == [
        ("dataset", g.ds("daily")), ("dataset", g.ds("report")),
        ("column", g.col("daily", "contact"))]
    contact = rows[2]
    assert contact["classifications"] == "PII.Email" and contact["domain"] == g.domain("finance")
    assert rows[1]["owners"] == "bi"
    r = httpx.get(f"{server}/api/v1/impact", params={"id": g.ds("customers")},
                  headers={"Accept": "text/csv"})
    assert r.text.startswith("entity,id,name")


def test_rest_impact_errors(server):
    r = httpx.get(f"{server}/api/v1/impact")
    assert r.status_code == 400 and r.json()["errors"][0]["path"] == "id"
    r = httpx.get(f"{server}/api/v1/impact", params={"id": "dataset:nowhere:a.b"})
    assert r.status_code == 404 and r.json()["error"] == "NOT_FOUND"
    r = httpx.get(f"{server}/api/v1/impact", params={"id": "dataset:x:a.b", "format": "xml"})
    assert r.status_code == 400 and r.json()["errors"][0]["path"] == "format"
    r = httpx.get(f"{server}/api/v1/impact", params={"id": "dataset:x:a.b", "depth": "deep"})
    assert r.status_code == 400 and r.json()["errors"][0]["path"] == "depth"
    r = httpx.get(f"{server}/api/v1/impact", params={"id": "table:x"})
    assert r.status_code == 400 and r.json()["errors"][0]["path"] == "id"


MESH = """query($input: MeshLineageInput!) { %s(input: $input) {
  dependencies { upstream downstream edgeCount } } }"""


def _deps(server, kind: str, node_id: str, as_of: str | None = None) -> set[tuple[str, str]]:
    data = ok(gql(server, MESH % kind, {"input": {"id": node_id, "asOf": as_of}}))
    return {(d["upstream"], d["downstream"]) for d in data[kind]["dependencies"]}


def _feeds_edge(server, g: Mesh, a: str, b: str) -> dict | None:
    res = ok(gql(server, LINEAGE, {"input": {"id": g.ds(a), "direction": "DOWNSTREAM",
                                             "depth": 1}}))["lineage"]
    return next((e for e in res["edges"] if (e["upstream"], e["downstream"]) ==
                 (g.ds(a), g.ds(b))), None)


def test_as_of_on_product_and_domain_lineage_a_closed_edge_and_its_reopening(server, g,
                                                                             store):
    """A later harvest of the scope no longer sees orders -> daily: product and domain
    lineage lose it now but not asOf before; lineageDiff lists it closed; seen again, it is
    reopened with its first first_seen."""
    first = _feeds_edge(server, g, "orders", "daily")
    assert first is not None and first["validTo"] is None
    built = now_iso()
    cut = store.write(lambda tx: tx.now)
    g.feeds([("customers", "orders"), ("daily", "report")])  # what the harvest still sees
    closed = store.close_stale(g.scope, cut, max_ratio=1.0, labels=[], rels=[Rel.FEEDS])
    assert closed == {"FEEDS": 1}
    after_close = now_iso()

    crm_orders = (g.product("crm"), g.product("orders"))
    orders_revenue = (g.product("orders"), g.product("revenue"))
    assert _deps(server, "productLineage", g.product("orders")) == {crm_orders}
    assert _deps(server, "productLineage", g.product("orders"), built) == {crm_orders,
                                                                           orders_revenue}
    sales_finance = (g.domain("sales"), g.domain("finance"))
    assert _deps(server, "domainLineage", g.domain("finance")) == set()
    assert _deps(server, "domainLineage", g.domain("finance"), built) == {sales_finance}

    diff = ok(gql(server, """query($id: ID!, $from: DateTime!, $to: DateTime!) {
        lineageDiff(id: $id, from: $from, to: $to) {
          added { upstream downstream } closed { upstream downstream type validTo } } }""",
                  {"id": g.ds("orders"), "from": built, "to": after_close}))["lineageDiff"]
    assert diff["added"] == []
    assert [(e["upstream"], e["downstream"], e["type"]) for e in diff["closed"]] == [
        (g.ds("orders"), g.ds("daily"), "FEEDS")]
    assert built <= diff["closed"][0]["validTo"].replace("+00:00", "Z") <= after_close

    g.feeds([("orders", "daily")])  # seen again
    again = _feeds_edge(server, g, "orders", "daily")
    assert again["validTo"] is None and again["firstSeen"] == first["firstSeen"]
    assert _deps(server, "productLineage", g.product("orders")) == {crm_orders,
                                                                    orders_revenue}
