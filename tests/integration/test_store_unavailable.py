"""A graph store that is down, restarting or refusing us: one clear message at start, a 503
with Retry-After while it is away, and service again once it is back, with nothing half
written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from openlineage.client.event_v2 import RunState
from openlineage.client.uuid import generate_new_uuid

from catalog.api.app import create_app
from catalog.auth import Role, TokenStore
from catalog.settings import Settings
from identity import ids
from tests.conftest import bearer
from tests.support.engines import NEO4J, SERVICE, own_graph
from tests.support.openlineage import as_dict, simple
from tests.support.server import free_port, gql, running

CATALOG = str(Path(sys.executable).with_name("catalog"))
NEEDS_NEO4J = pytest.mark.skipif(not NEO4J, reason="needs a Neo4j server: the Neo4j leg "
                                 "(CATALOG_ENGINE=neo4j) runs it")


def _serve(env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess:
    full = {**os.environ, "CATALOG_ENGINE": "neo4j", "CATALOG_DATA_DIR": str(tmp_path),
            "CATALOG_PORT": str(free_port()), **env}
    return subprocess.run([CATALOG, "serve"], env=full, capture_output=True, text=True,
                          timeout=120)


def test_unreachable_neo4j_at_start_is_one_message_naming_neo4j_uri(tmp_path):
    closed = free_port()
    proc = _serve({"NEO4J_URI": f"bolt://127.0.0.1:{closed}", "NEO4J_PASSWORD": "x" * 12},
                  tmp_path)
    assert proc.returncode == 2
    assert "NEO4J_URI" in proc.stderr and f"127.0.0.1:{closed}" in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout


@NEEDS_NEO4J
def test_wrong_credentials_name_the_user_never_the_password(graph, tmp_path):
    wrong = "not-the-password-4711"
    proc = _serve({"NEO4J_URI": graph.neo4j["NEO4J_URI"],
                   "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": wrong}, tmp_path)
    assert proc.returncode == 2
    assert "'neo4j'" in proc.stderr and "NEO4J_PASSWORD" in proc.stderr
    assert wrong not in proc.stderr + proc.stdout
    assert "Traceback" not in proc.stderr + proc.stdout


def _event(ns: str, k: int) -> dict:
    return as_dict(simple(ns, f"job{k}", str(generate_new_uuid()), RunState.COMPLETE, k,
                          inputs=(f"in{k}",), outputs=(f"out{k}",)))


@NEEDS_NEO4J
def test_neo4j_restart_under_a_running_server(tmp_path, uid):
    state = tmp_path / "neo4j-graph" / "neo4j"
    with own_graph(tmp_path / "neo4j-graph") as graph:
        store = graph.store()
        settings = Settings(data_dir=graph.data_dir)
        token = TokenStore(store).create("restart", Role.INGEST)[1]
        ns = f"restart-{uid}"
        with running(create_app(settings, store=store)) as base:
            post = f"{base}/api/v1/lineage"
            first = _event(ns, 1)
            assert httpx.post(post, json=first, headers=bearer(token), timeout=60).is_success

            subprocess.run(["bash", str(SERVICE / "stop.sh"), "--keep", str(state)], check=True,
                           stdout=subprocess.DEVNULL)
            lost = _event(ns, 2)
            r = httpx.post(post, json=lost, headers=bearer(token), timeout=60)
            assert r.status_code == 503 and r.headers["Retry-After"]
            assert r.json()["error"] == "STORE_UNAVAILABLE"
            q = httpx.post(f"{base}/graphql", json={"query": "{ domains { name } }"},
                           timeout=60)
            assert q.status_code == 503
            assert q.json()["errors"][0]["extensions"]["code"] == "STORE_UNAVAILABLE"
            assert httpx.get(f"{base}/readyz", timeout=60).status_code == 503

            subprocess.run(["bash", str(SERVICE / "start.sh"), str(state)], check=True,
                           stdout=subprocess.DEVNULL)
            assert httpx.get(f"{base}/readyz", timeout=60).status_code == 200
            # nothing of the refused event was written; the client's retry now lands whole
            run_of = ids.run_id(lost["run"]["runId"])
            assert store.get_nodes([run_of, ids.job_id(ns, "job2")]) == {}
            r = httpx.post(post, json=lost, headers=bearer(token), timeout=60)
            assert r.is_success, r.text
            assert run_of in store.get_nodes([run_of])
            assert ids.run_id(first["run"]["runId"]) in store.get_nodes(
                [ids.run_id(first["run"]["runId"])])
            answer = gql(base, "query($id: ID!) { job(id: $id) { name } }",
                         {"id": ids.job_id(ns, "job2")})
            assert answer["data"]["job"]["name"] == "job2"
        store.close()
