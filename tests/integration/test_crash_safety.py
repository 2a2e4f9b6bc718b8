"""SIGKILL the server (and its engine) in the middle of batch ingestion: every event that was
acknowledged is in the graph after a restart, and replaying the raw event log gives the same
counts as the recovered graph."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time

import httpx
from openlineage.client.event_v2 import RunState
from openlineage.client.uuid import generate_new_uuid

from catalog.auth import Role
from identity import ids
from tests.support import serve
from tests.support.engines import Graph, own_graph
from tests.support.openlineage import as_dict, simple
from tests.support.tokens import create_token


def _batch(ns: str, k: int) -> list[dict]:
    return [as_dict(simple(ns, f"job{k}_{j}", str(generate_new_uuid()), RunState.COMPLETE, j,
                           inputs=(f"in{j % 7}",), outputs=(f"out{k}_{j}",)))
            for j in range(25)]


def _replay(graph: Graph, *paths) -> None:
    env = {**graph.env, "CATALOG_JVM_HEAP": "512m", "PATH": "/usr/bin:/bin"}
    proc = subprocess.run([sys.executable, "-m", "catalog.cli", "replay", "--quiet",
                           *map(str, paths)], env=env, capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]


def test_sigkill_mid_batch_loses_no_acknowledged_event(tmp_path):
    with own_graph(tmp_path / "crashed") as graph, own_graph(tmp_path / "fresh") as fresh:
        _sigkill_mid_batch(tmp_path, graph, fresh)


def _sigkill_mid_batch(tmp_path, graph: Graph, fresh: Graph) -> None:
    data = graph.data_dir
    proc, base = serve.start(data, extra_env=graph.env, log=tmp_path / "serve.log")
    token = create_token(graph, "crash", Role.INGEST)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    acked: list[str] = []
    done = threading.Event()

    def sender(worker: int) -> None:
        with httpx.Client(timeout=60) as client:
            for k in range(400):
                if done.is_set():
                    return
                events = _batch(f"crash{worker}", k)
                try:
                    r = client.post(f"{base}/api/v1/lineage/batch", headers=headers,
                                    content=json.dumps(events))
                except httpx.HTTPError:
                    return  # the server is gone mid-request: not acknowledged
                if r.status_code == 200:
                    acked.extend(e["run"]["runId"] for e in events)

    threads = [threading.Thread(target=sender, args=(w,)) for w in range(2)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 300
    while len(acked) < 250 and time.monotonic() < deadline:
        time.sleep(0.05)
    serve.kill_all(proc, data)  # while the senders are still sending
    done.set()
    for t in threads:
        t.join()
    assert len(acked) >= 250

    proc, base = serve.start(data, extra_env=graph.env, log=tmp_path / "serve.log")
    try:
        store = graph.store()  # on embedded: attaches to the restarted server's engine
        try:
            found = store.get_nodes(ids.run_id(r) for r in acked)
            missing = [r for r in acked if ids.run_id(r) not in found]
            assert missing == [], f"{len(missing)} acknowledged runs lost"
            # catch up from the raw log (events logged but cut before their commit)
            _replay(graph, data / "events")
            recovered = store.counts(current=False)
        finally:
            store.close()
    finally:
        serve.stop(proc)

    _replay(fresh, data / "events")
    with fresh.store() as rebuilt:
        assert rebuilt.counts(current=False) == recovered
