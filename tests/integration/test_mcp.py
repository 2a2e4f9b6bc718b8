"""The MCP endpoint with the SDK's own client: over HTTP against the real server (`/mcp`)
and over stdio against a `catalog mcp` subprocess. Every tool is called; writes are
refused without the steward role; a long answer comes a page at a time."""

from __future__ import annotations

import os
import shutil
import sys
import uuid

import httpx
import pytest

from catalog.api.app import create_app
from catalog.auth import Role
from catalog.settings import Settings
from graph import Rel
from identity import ids
from tests.conftest import bearer
from tests.support.mcp import answer, over_http, over_stdio, session, text, until
from tests.support.server import gql, running

READ_TOOLS = {"search", "get_entity", "lineage", "lineage_path", "impact_analysis",
              "compliance_report", "recent_runs"}
WRITE_TOOLS = {"add_tag", "classify", "set_owner", "set_description"}


def _event(ns: str, job: str, run: str, inputs: list[str], output: str, cols: list[str]):
    """A COMPLETE event: `output` (columns `cols`) made from `inputs`, column by column."""
    lineage = {c: {"inputFields": [{"namespace": ns, "name": i, "field": c}
                                   for i in inputs]} for c in cols}
    return {"eventType": "COMPLETE", "eventTime": "2024-05-01T10:00:00Z",
            "producer": "https://example.com/test", "schemaURL":
            "https://openlineage.io/spec/2-0-2/OpenLineage.json#/definitions/RunEvent",
            "run": {"runId": run}, "job": {"namespace": ns, "name": job},
            "inputs": [{"namespace": ns, "name": i, "facets": {"schema": {
                "_producer": "x", "_schemaURL": "x",
                "fields": [{"name": c, "type": "varchar"} for c in cols]}}} for i in inputs],
            "outputs": [{"namespace": ns, "name": output, "facets": {
                "schema": {"_producer": "x", "_schemaURL": "x",
                           "fields": [{"name": c, "type": "varchar"} for c in cols]},
                "columnLineage": {"_producer": "x", "_schemaURL": "x", "fields": lineage}}}]}


@pytest.fixture(scope="module")
def chain(server, tokens) -> dict[str, str]:
    """raw -> clean -> mart (with `email` and 40 filler columns) sent as OpenLineage."""
    uid = uuid.uuid4().hex[:8]
    ns = f"mcptest{uid}"
    cols = ["email", *(f"metric_{k:02d}" for k in range(40))]
    names = [f"{uid}_raw", f"{uid}_clean", f"{uid}_mart"]
    events = [_event(ns, f"{uid}_clean_job", str(uuid.uuid4()), [names[0]], names[1], cols),
              _event(ns, f"{uid}_mart_job", str(uuid.uuid4()), [names[1]], names[2], cols)]
    r = httpx.post(f"{server}/api/v1/lineage/batch", json=events, timeout=60,
                   headers={"Authorization": f"Bearer {tokens[Role.INGEST]}"})
    assert r.status_code < 300, r.text
    ds = [ids.dataset_id(f"{ns}", n) for n in names]
    return {"uid": uid, "raw": ds[0], "clean": ds[1], "mart": ds[2],
            "email": ids.column_id(ds[0], "email"),
            "mart_email": ids.column_id(ds[2], "email"),
            "job": ids.job_id(ns, f"{uid}_mart_job")}


async def _every_read_tool(c, chain) -> dict[str, tuple[str, dict]]:
    names = {t.name for t in (await c.list_tools()).tools}
    assert names >= READ_TOOLS and not names & WRITE_TOOLS
    out = {}

    async def found():
        _, doc = answer(await c.call_tool("search", {"query": f"{chain['uid']} mart",
                                                     "kinds": ["dataset"]}))
        return chain["mart"] in [h["id"] for h in doc["hits"]]
    await until(found, "the search index to catch up")
    out["search"] = answer(await c.call_tool("search", {"query": f"{chain['uid']} mart",
                                                        "kinds": ["dataset"]}))
    out["get_entity"] = answer(await c.call_tool("get_entity", {"id": chain["mart"]}))
    out["lineage"] = answer(await c.call_tool("lineage", {
        "id": chain["mart_email"], "direction": "upstream", "depth": 5}))
    out["job"] = answer(await c.call_tool("get_entity", {"id": chain["job"]}))
    out["before"] = answer(await c.call_tool("lineage", {
        "id": chain["mart"], "direction": "upstream", "as_of": "2000-01-01T00:00:00Z"}))
    out["lineage_path"] = answer(await c.call_tool("lineage_path", {
        "from_id": chain["raw"], "to_id": chain["mart"]}))
    out["impact_analysis"] = answer(await c.call_tool("impact_analysis", {"id": chain["raw"]}))
    out["compliance_report"] = answer(await c.call_tool("compliance_report", {"limit": 5}))
    out["recent_runs"] = answer(await c.call_tool("recent_runs", {"id": chain["mart"]}))
    return out


def _check_reads(found, chain) -> None:
    summary, doc = found["search"]
    assert "matches" in summary and doc["hits"][0]["id"] == chain["mart"]
    assert "facets" in doc
    summary, doc = found["get_entity"]
    assert summary.startswith(f"Dataset {chain['mart']}") and doc["entity"]["id"] == chain["mart"]
    assert doc["total"] == 41 and len(doc["columns"]) <= 25 and doc["next_cursor"]
    summary, doc = found["lineage"]
    assert {chain["email"], chain["mart_email"]} <= {n["id"] for n in doc["nodes"]}
    summary, doc = found["job"]
    assert summary.startswith(f"Job {chain['job']}")
    assert [d["id"] for d in doc["inputs"]] == [chain["clean"]]
    assert [d["id"] for d in doc["outputs"]] == [chain["mart"]]
    summary, doc = found["before"]  # as of a time before any of it: the root alone
    assert [n["id"] for n in doc["nodes"]] == [chain["mart"]]
    summary, doc = found["lineage_path"]
    assert doc["found"] and doc["nodes"][0] == chain["raw"] and doc["nodes"][-1] == chain["mart"]
    assert len(doc["jobs"]) == 2
    summary, doc = found["impact_analysis"]
    assert summary.startswith("2 datasets") and {d["id"] for d in doc["datasets"]} == {
        chain["clean"], chain["mart"]}
    assert "by_domain" in doc and "classifications_reached" in doc
    summary, doc = found["compliance_report"]
    assert "compliant" in summary and "policies" in doc and len(doc["violations"]) <= 5
    summary, doc = found["recent_runs"]
    assert doc["runs"] and doc["runs"][0]["job"] == chain["job"]


def test_every_read_tool_over_http(server, chain):
    _check_reads(session(over_http(server), lambda c: _every_read_tool(c, chain)), chain)


def test_a_long_answer_comes_a_page_at_a_time(server, chain):
    async def pages(c):
        seen, cursor = [], None
        while True:
            args = {"id": chain["mart"], "limit": 15} | ({"cursor": cursor} if cursor else {})
            summary, doc = answer(await c.call_tool("get_entity", args))
            seen += [col["id"] for col in doc["columns"]]
            if not doc["next_cursor"]:
                return seen, summary
            cursor = doc["next_cursor"]
    seen, summary = session(over_http(server), pages)
    assert len(seen) == len(set(seen)) == 41
    assert "items 31-41 of 41" in summary


def test_bad_ids_are_tool_errors(server):
    async def bad(c):
        return await c.call_tool("lineage", {"id": "dataset:nowhere:none"})
    result = session(over_http(server), bad)
    assert result.is_error and "NOT_FOUND" in text(result)


@pytest.fixture(scope="module")
def writable(store, tmp_path_factory) -> str:
    settings = Settings(data_dir=tmp_path_factory.mktemp("mcp-writes"), mcp_writes=True)
    with running(create_app(settings, store=store)) as base:
        yield base


def test_writes_need_the_steward_role(writable, tokens, chain, store):
    args = {"id": chain["mart"], "tag": f"t{chain['uid']}"}

    async def as_reader(c):
        names = {t.name for t in (await c.list_tools()).tools}
        assert names >= WRITE_TOOLS
        return await c.call_tool("add_tag", args)
    refused = session(over_http(writable, tokens[Role.READER]), as_reader)
    assert refused.is_error and "FORBIDDEN" in text(refused) and "steward" in text(refused)
    anonymous = session(over_http(writable), lambda c: c.call_tool("add_tag", args))
    assert anonymous.is_error and "FORBIDDEN" in text(anonymous)
    assert not store.neighbours([chain["mart"]], Rel.TAGGED)[chain["mart"]]

    async def as_steward(c):
        tagged = answer(await c.call_tool("add_tag", args))
        owned = answer(await c.call_tool("set_owner", {"id": chain["mart"], "owner": "team-x"}))
        described = answer(await c.call_tool("set_description", {
            "id": chain["mart"], "description": "the mart"}))
        classified = answer(await c.call_tool("classify", {
            "id": chain["mart_email"], "classification": "PII.Email", "decision": "accept"}))
        entity = answer(await c.call_tool("get_entity", {"id": chain["mart_email"]}))
        return tagged, owned, described, classified, entity
    *_, entity = session(over_http(writable, tokens[Role.STEWARD]), as_steward)
    assert "PII.Email" in entity[0]
    assert [t["name"] for _, t in store.neighbours([chain["mart"]], Rel.TAGGED)[chain["mart"]]
            ] == [args["tag"]]
    owners = store.neighbours([chain["mart"]], Rel.OWNED_BY)[chain["mart"]]
    assert [o["name"] for _, o in owners] == ["team-x"]
    # audited like the API's mutations: the token's name and role
    log = gql(writable, """query($t: String) { auditLog(target: $t, first: 20) {
        actor role action } }""", {"t": chain["mart"]}, headers=bearer(tokens[Role.ADMIN]))
    entries = log["data"]["auditLog"]
    assert {(e["actor"], e["role"]) for e in entries} == {("test-steward", "steward")}
    assert {"addTags", "setOwners", "setDescriptions"} <= {e["action"] for e in entries}


def test_reads_need_a_token_when_configured(store, tmp_path_factory, tokens, chain):
    settings = Settings(data_dir=tmp_path_factory.mktemp("mcp-auth"), auth_reads=True)
    with running(create_app(settings, store=store)) as base:
        r = httpx.post(f"{base}/mcp", json={}, timeout=30)
        assert r.status_code == 401 and r.json()["error"] == "UNAUTHENTICATED"
        tools = session(over_http(base, tokens[Role.READER]), lambda c: c.list_tools())
        assert {t.name for t in tools.tools} >= READ_TOOLS


def test_every_read_tool_over_stdio(cli_env, chain):
    catalog = shutil.which("catalog", path=os.path.dirname(sys.executable))
    env = {**os.environ, **cli_env.env}
    found = session(over_stdio(catalog, ["mcp"], env), lambda c: _every_read_tool(c, chain))
    _check_reads(found, chain)
