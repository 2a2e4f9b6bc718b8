"""`catalog serve --demo` (what `make run` runs) as a real child process: it loads the demo
mesh and writes an admin token to `<data dir>/demo-admin.token`, once, never to the log."""

from __future__ import annotations

import os
import re
import stat
import uuid
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from tests.conftest import bearer
from tests.support import serve
from tests.support.engines import Graph, own_graph
from tests.support.mcp import answer, over_http, session, until
from tests.support.server import gql
from tests.support.waiting import eventually

VIEWER = "{ viewer { authenticated name role canSteward } }"


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    """A graph of the module's own: the demo mesh would change what other tests count in
    the session's graph (on the Neo4j leg; the embedded leg starts an engine per server)."""
    with own_graph(tmp_path_factory.mktemp("demo-graph")) as g:
        yield g


def _serve_demo(graph: Graph, data: Path, log: Path):
    """The child reaches the run's engine (on the embedded leg, a new engine in `data`)."""
    return serve.start(data, extra_env={**graph.env, "CATALOG_DATA_DIR": str(data)},
                       log=log, args=("--demo",))


def test_serve_demo_writes_its_admin_token_once(graph, tmp_path):
    data, log = tmp_path / "data", tmp_path / "serve.log"
    proc, base = _serve_demo(graph, data, log)
    try:
        path = data / "demo-admin.token"
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        token = path.read_text().strip()
        assert gql(base, VIEWER, headers=bearer(token))["data"]["viewer"] == {
            "authenticated": True, "name": "demo-admin", "role": "admin", "canSteward": True}
        # an admin may write: a tag on a demo dataset
        ds = gql(base, "{ datasets(first: 1) { edges { node { id } } } }")[
            "data"]["datasets"]["edges"][0]["node"]["id"]
        added = gql(base, """mutation($in: TagInput!) { addTag(input: $in) { id } }""",
                    {"in": {"subjectId": ds, "tag": "demo-checked"}}, headers=bearer(token))
        assert added == {"data": {"addTag": {"id": ds}}}
        assert httpx.post(f"{base}/graphql", json={"query": VIEWER},
                          headers=bearer(token + "x")).status_code == 401
    finally:
        serve.stop(proc)
    assert token not in log.read_text()
    # a restart keeps the token it wrote the first time
    proc, base = _serve_demo(graph, data, log)
    try:
        assert path.read_text().strip() == token
        assert gql(base, VIEWER, headers=bearer(token))["data"]["viewer"]["role"] == "admin"
    finally:
        serve.stop(proc)
    assert token not in log.read_text()


def test_the_demo_mesh_and_an_assistant_exploring_it(graph, tmp_path):
    """`make run`'s server: every part of the demo is there (the Marquez events came through
    the receiver, dbt, products with a passing and a failing contract, PII stopped by a
    mask), its load time is printed, and an MCP client lists and calls every read tool."""
    data, log = tmp_path / "data", tmp_path / "serve.log"
    proc, base = _serve_demo(graph, data, log)
    try:
        line = next(x for x in log.read_text().splitlines() if "demo mesh loaded in" in x)
        seconds = float(re.search(r"loaded in ([\d.]+)s", line)[1])
        print(f"demo load: {seconds:.1f}s")
        assert "delivery/orders: pass" in line and "retail/jaffle-analytics: fail" in line
        found = session(over_http(base), _explore)
        market = gql(base, "{ marketplace { product { id } health { state } rating { count } "
                           "subscribers certification { by } } }")["data"]["marketplace"]
        # a run failing now, received by a worker, is heard by the supervisor's SLA
        # monitor through the change feed: finance/revenue gets an incident
        token = (data / "demo-admin.token").read_text().strip()
        failed = httpx.post(f"{base}/api/v1/lineage", headers=bearer(token), timeout=60,
                            json=_failed_revenue_run())
        assert failed.status_code in (200, 201, 202), failed.text
        assert eventually(lambda: "failed_run" in _open_incidents(base, "finance/revenue"), 60)
    finally:
        serve.stop(proc)
    names, answers = found
    # the marketplace: subscriptions, ratings, a certification and one late product
    by_id = {m["product"]["id"]: m for m in market}
    assert by_id["product:sales/orders"]["health"]["state"] == "late"
    assert by_id["product:finance/revenue"]["health"]["state"] == "healthy"
    assert by_id["product:sales/customers"]["rating"]["count"] == 2
    assert by_id["product:sales/customers"]["subscribers"] == 1
    assert by_id["product:sales/customers"]["certification"] == {"by": "demo-steward"}
    assert names >= {"search", "get_entity", "lineage", "lineage_path", "impact_analysis",
                     "compliance_report", "recent_runs"}
    summary, doc = answers["marquez"]  # 13 food-delivery jobs' events, through the receiver
    assert doc["runs"] and doc["runs"][0]["state"] == "COMPLETE"
    summary, doc = answers["dbt"]
    assert summary.startswith("Dataset") and doc["total"] == 9  # the customers mart's columns
    summary, doc = answers["contract"]
    assert "contract: fail" in summary
    assert {v["kind"] for v in doc["contract"]["violations"]} >= {"type", "missing_column"}
    summary, doc = answers["impact"]
    reached = {d for c in doc["classifications_reached"] for d in c["datasets"]}
    assert f"{WH}:analytics.marketing.v_campaign_targets" in reached
    assert f"{WH}:analytics.marketing.v_customer_contacts" not in reached  # masked
    assert f"{WH}:analytics.marketing.v_customer_contacts" in {d["id"] for d in doc["datasets"]}
    summary, doc = answers["path"]
    assert doc["found"] and len(doc["jobs"]) == 2
    summary, doc = answers["pii"]
    assert doc["total"] >= 3  # Marquez columns classified by name
    summary, doc = answers["lineage"]
    assert doc["total_nodes"] > 5
    summary, doc = answers["compliance"]
    assert "violations" in doc


WH = "dataset:snowflake://acme.eu-west-1"


def _failed_revenue_run() -> dict:
    return {"eventType": "FAIL", "eventTime": datetime.now(UTC).isoformat(),
            "producer": "https://example.com/test",
            "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
            "run": {"runId": str(uuid.uuid4())},
            "job": {"namespace": "demo-scheduler", "name": "revenue_daily"}, "inputs": [],
            "outputs": [{"namespace": "snowflake://acme.eu-west-1",
                         "name": "analytics.finance.revenue_daily"}]}


def _open_incidents(base: str, product: str) -> set[str]:
    rows = gql(base, "query($id: ID!) { dataProduct(id: $id) { incidents { kind status } } }",
               {"id": f"product:{product}"})["data"]["dataProduct"]["incidents"]
    return {i["kind"] for i in rows if i["status"] == "open"}


async def _explore(c):
    names = {t.name for t in (await c.list_tools()).tools}
    customers = "dataset:postgres://shop-db:5432:shop.public.customers"
    calls = {
        "marquez": ("recent_runs", {"id": "dataset:food_delivery:public.top_delivery_times"}),
        "dbt": ("get_entity", {"id": "dataset:duckdb://jaffle_shop.duckdb:"
                                     "jaffle_shop.main.customers"}),
        "contract": ("get_entity", {"id": "product:retail/jaffle-analytics"}),
        "impact": ("impact_analysis", {"id": f"{customers}#email"}),
        "path": ("lineage_path", {"from_id": "dataset:food_delivery:public.customers",
                                  "to_id": "dataset:food_delivery:public.top_delivery_times"}),
        "pii": ("search", {"query": "*", "kinds": ["column"], "domain": ["domain:customer"],
                           "classification": ["PII.Email", "PII.Phone"]}),
        "lineage": ("lineage", {"id": "dataset:food_delivery:public.top_delivery_times",
                                "direction": "upstream", "depth": 3}),
        "compliance": ("compliance_report", {"domain": "retail"}),
    }

    async def searchable():
        _, doc = answer(await c.call_tool("search", {"query": "top delivery times"}))
        return doc["total"] > 0
    await until(searchable, "the demo in the search index")
    return names, {k: answer(await c.call_tool(tool, args)) for k, (tool, args) in calls.items()}
