"""One catalog, many processes: a CLI beside a running server, and two server replicas on
one graph, see each other's writes within 2 seconds (the change feed, graph/feed.py), share
tokens, and stay consistent when one replica dies mid-ingest."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import httpx
import pytest
from openlineage.client.event_v2 import RunState
from openlineage.client.uuid import generate_new_uuid

from catalog.auth import Role
from identity import ids
from identity.namespaces import table_dataset
from tests.conftest import bearer
from tests.support import serve
from tests.support.databases import PG_HOST, PG_PORT, pg_database
from tests.support.engines import own_graph
from tests.support.openlineage import as_dict, simple
from tests.support.tokens import create_token
from tests.support.waiting import eventually

CATALOG = str(Path(sys.executable).with_name("catalog"))
SEARCH = """query($q: String!) { search(input: {query: $q, first: 20}) { hits { id } } }"""
DATASET = "query($id: ID!) { dataset(id: $id) { name } }"
UPSTREAM = """query($id: ID!) { lineage(input: {id: $id, direction: UPSTREAM, depth: 2}) {
  nodes { id } } }"""
WITHIN_S = 2.0  # the promise (README, "Many processes")


def word() -> str:
    """A name that is one search token no other dataset shares."""
    return "".join(chr(97 + int(c, 16)) for c in uuid.uuid4().hex[:14])


def found(base: str, query: str, wanted: str, headers: dict | None = None) -> bool:
    r = httpx.post(f"{base}/graphql", json={"query": SEARCH, "variables": {"q": query}},
                   headers=headers or {}, timeout=30)
    return any(h["id"] == wanted for h in r.json()["data"]["search"]["hits"])


def test_cli_ingest_beside_a_running_server_is_searchable_through_it(server, graph, uid):
    ddl = "".join(f"CREATE TABLE invoice_{uid}_{i} (id int PRIMARY KEY, total numeric);"
                  for i in range(3))
    with pg_database("many_cli", ddl) as db:
        recipe = Path(os.environ.get("TMPDIR", "/tmp")) / f"recipe-{uid}.yaml"
        recipe.write_text("source:\n  type: database\n  config:\n"
                          f"    url: postgresql://postgres@{PG_HOST}:{PG_PORT}/{db}\n")
        done = subprocess.run([CATALOG, "ingest", "--no-progress", str(recipe)],
                              env={**os.environ, **graph.env}, capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0, done.stderr
        acked = time.monotonic()
        table = table_dataset("postgres", host=PG_HOST, port=PG_PORT, database=db,
                              schema="public", table=f"invoice_{uid}_1")
        assert eventually(lambda: found(server, f"invoice_{uid}_1", table), WITHIN_S + 1), \
            "the server's search never saw the CLI's harvest"
        assert time.monotonic() - acked <= WITHIN_S + 1
        recipe.unlink()


@pytest.fixture
def replicas(tmp_path):
    """Two `catalog serve` processes on one graph of their own (embedded: B attaches to the
    engine A started), and the graph."""
    with own_graph(tmp_path / "graph") as g:
        env = {**g.env, "CATALOG_CLASSIFICATION_AUTO_PROPAGATE": "false"}
        one = ("--workers", "1")  # a replica is one process here (workers: below)
        a, base_a = serve.start(g.data_dir, extra_env=env, log=tmp_path / "a.log", args=one)
        try:
            b, base_b = serve.start(g.data_dir, extra_env=env, log=tmp_path / "b.log",
                                    args=one)
            try:
                yield g, (a, base_a), (b, base_b)
            finally:
                serve.stop(b)
        finally:
            serve.stop(a)
            serve.stop_orphaned_engine(g.data_dir)  # A killed: its engine outlived it


def _post(base: str, events: list[dict], token: str) -> httpx.Response:
    return httpx.post(f"{base}/api/v1/lineage/batch", content=json.dumps(events),
                      headers={**bearer(token), "Content-Type": "application/json"},
                      timeout=120)


def test_replicas_read_search_and_share_tokens(replicas, uid):
    graph, (_, base_a), (_, base_b) = replicas
    token = create_token(graph, "writer", Role.INGEST)
    ns = f"replica-{uid}"
    event = as_dict(simple(ns, "load", str(generate_new_uuid()), RunState.COMPLETE, 1,
                           inputs=("raw_orders",), outputs=(f"orders_{uid}",)))
    assert _post(base_a, [event], token).status_code == 200
    out = ids.dataset_id(ns, f"orders_{uid}")
    # read through B at once (the graph is the truth), searchable through B within 2 s
    r = httpx.post(f"{base_b}/graphql", json={"query": DATASET, "variables": {"id": out}})
    assert r.json()["data"]["dataset"]["name"] == f"orders_{uid}"
    assert eventually(lambda: found(base_b, f"orders_{uid}", out), WITHIN_S)
    raw = ids.dataset_id(ns, "raw_orders")  # and walked by B's lineage index within 2 s
    assert eventually(lambda: raw in {n["id"] for n in httpx.post(f"{base_b}/graphql", json={
        "query": UPSTREAM, "variables": {"id": out}}).json()["data"]["lineage"]["nodes"]},
        WITHIN_S)

    # a token made by the CLI works on both at once; revoked, refused by both within 2 s
    env = {**os.environ, **graph.env}
    made = subprocess.run([CATALOG, "token", "create", "--name", "cli", "--role", "reader"],
                          env=env, capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    cli_token = made.stdout.strip()

    def status(base: str) -> int:
        return httpx.post(f"{base}/graphql", json={"query": "{ viewer { name } }"},
                          headers=bearer(cli_token)).status_code

    assert status(base_a) == 200 and status(base_b) == 200
    token_id = cli_token[len("mct_"):].split("_", 1)[0]
    assert subprocess.run([CATALOG, "token", "revoke", token_id], env=env,
                          capture_output=True, timeout=120).returncode == 0
    assert eventually(lambda: status(base_a) == 401 and status(base_b) == 401, WITHIN_S)


def test_kill_9_of_a_replica_mid_ingest_leaves_the_other_consistent(replicas, uid):
    graph, (a, base_a), (_, base_b) = replicas
    token = create_token(graph, "writer", Role.INGEST)
    acked: list[tuple[str, str]] = []  # (run id, output dataset id) of acknowledged events
    stop = threading.Event()

    def sender() -> None:
        for k in range(400):
            if stop.is_set():
                return
            ns = f"kill-{uid}"
            events = [as_dict(simple(ns, f"job{k}_{j}", str(generate_new_uuid()),
                                     RunState.COMPLETE, j, inputs=(f"src{j % 5}",),
                                     outputs=(word(),))) for j in range(10)]
            try:
                r = _post(base_a, events, token)
            except httpx.HTTPError:
                return  # A died mid-request: not acknowledged
            if r.status_code == 200:
                acked.extend((e["run"]["runId"], ids.dataset_id(ns, e["outputs"][0]["name"]))
                             for e in events)

    thread = threading.Thread(target=sender)
    thread.start()
    assert eventually(lambda: len(acked) >= 100, 120)
    a.kill()  # SIGKILL of the Python process only: on embedded its engine lives on
    a.wait()
    stop.set()
    thread.join()

    runs = [ids.run_id(r) for r, _ in acked]
    with graph.store() as reader:
        present = reader.get_nodes(runs)
    assert [r for r in runs if r not in present] == []  # no acknowledged event lost
    last_out = acked[-1][1]
    name = last_out.split(":")[-1]
    assert eventually(lambda: found(base_b, name, last_out), WITHIN_S)
    r = httpx.post(f"{base_b}/graphql", json={"query": DATASET, "variables": {"id": last_out}})
    assert r.json()["data"]["dataset"]["name"] == name
    assert httpx.get(f"{base_b}/readyz").status_code == 200


def _client_per_worker(base: str, workers: int) -> list[httpx.Client]:
    """Kept-alive connections that each reach a different worker of one server (a
    connection stays with the worker that accepted it; /healthz names the worker)."""
    by_worker: dict[int, httpx.Client] = {}
    for _ in range(200):
        client = httpx.Client(base_url=base, timeout=60)
        pid = client.get("/healthz").json()["worker"]
        if pid in by_worker:
            client.close()
            continue
        by_worker[pid] = client
        if len(by_worker) == workers:
            break
    return list(by_worker.values())


def test_two_workers_of_one_server_stay_consistent(tmp_path, uid):
    """A write through one worker is read at once and searched within 2 s through the
    other, both ways; killing the server's supervisor takes its workers with it."""
    with own_graph(tmp_path / "graph") as g:
        proc, base = serve.start(g.data_dir, extra_env=g.env, log=tmp_path / "serve.log",
                                 args=("--workers", "2"))
        try:
            clients = _client_per_worker(base, 2)
            assert len(clients) == 2, "every connection went to one worker"
            pids = [c.get("/healthz").json()["worker"] for c in clients]
            assert pids[0] != pids[1] and proc.pid not in pids
            token = create_token(g, "writer", Role.INGEST)
            for writer, reader in (clients, clients[::-1]):
                ns, name = f"workers-{uid}", word()
                event = as_dict(simple(ns, "load", str(generate_new_uuid()), RunState.COMPLETE,
                                       1, inputs=("raw",), outputs=(name,)))
                r = writer.post("/api/v1/lineage/batch", content=json.dumps([event]),
                                headers={**bearer(token), "Content-Type": "application/json"})
                assert r.status_code == 200, r.text
                out = ids.dataset_id(ns, name)
                r = reader.post("/graphql", json={"query": DATASET, "variables": {"id": out}})
                assert r.json()["data"]["dataset"]["name"] == name  # the graph is the truth
                assert eventually(lambda out=out, name=name, reader=reader: any(
                    h["id"] == out for h in reader.post("/graphql", json={
                        "query": SEARCH, "variables": {"q": name}}).json()["data"]["search"][
                        "hits"]), WITHIN_S), "the other worker's search never saw the write"
                raw = ids.dataset_id(ns, "raw")  # and its in-memory lineage index
                assert eventually(lambda out=out, raw=raw, reader=reader: raw in {
                    n["id"] for n in reader.post("/graphql", json={
                        "query": UPSTREAM, "variables": {"id": out}}).json()["data"][
                        "lineage"]["nodes"]}, WITHIN_S), "the other worker's lineage lags"
            for c in clients:
                c.close()
            proc.kill()  # the supervisor alone: its workers must not serve on as orphans
            proc.wait()

            def gone(pid: int) -> bool:
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    return True
                return False

            assert eventually(lambda: all(gone(p) for p in pids), 30)
        finally:
            serve.stop(proc)
            serve.stop_orphaned_engine(g.data_dir)
