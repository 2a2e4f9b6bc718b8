"""Back-pressure of the OpenLineage receiver on the real app: beyond its bounded places and
queue it answers 503 with Retry-After and a JSON reason at once, acknowledges nothing it
did not write, and the real openlineage-python client (its default retries honour
Retry-After) gets every event in."""

from __future__ import annotations

import json
import threading

import httpx
import pytest
from openlineage.client import OpenLineageClient
from openlineage.client.event_v2 import RunState
from openlineage.client.transport.http import HttpConfig, HttpTransport
from openlineage.client.uuid import generate_new_uuid

from catalog.api.app import create_app
from catalog.auth import Role, TokenStore
from catalog.settings import Settings
from identity import ids
from tests.support.openlineage import as_dict, simple
from tests.support.server import running

SENDERS = 12


def _serve(store, tmp_path_factory, name: str, queued: int):
    """An app on the session store that writes one batch at a time and queues `queued`."""
    settings = Settings(data_dir=tmp_path_factory.mktemp(f"{name}-data"),
                        openlineage_max_in_flight=1, openlineage_max_queued=queued,
                        classification_auto_propagate=False)
    token = TokenStore(store).create(f"{name}-ingest", Role.INGEST)[1]
    app = create_app(settings, store=store)
    with running(app) as base:
        yield base, token, app


@pytest.fixture(scope="module")
def narrow(store, tmp_path_factory):
    yield from _serve(store, tmp_path_factory, "narrow", queued=0)


@pytest.fixture(scope="module")
def queued(store, tmp_path_factory):
    yield from _serve(store, tmp_path_factory, "queued", queued=3)


def _events(ns: str, k: int, n: int) -> list[dict]:
    return [as_dict(simple(ns, f"job{k}_{j}", str(generate_new_uuid()), RunState.COMPLETE, j,
                           inputs=("src",), outputs=(f"out{k}_{j}",))) for j in range(n)]


def test_overload_is_refused_at_once_with_retry_after(narrow, store, uid):
    base, token, _ = narrow
    ns = f"bp-{uid}"
    start = threading.Barrier(SENDERS)
    answers: list[tuple[httpx.Response, list[dict]]] = []
    lock = threading.Lock()

    def send(k: int) -> None:
        events = _events(ns, k, 40)
        start.wait()
        r = httpx.post(f"{base}/api/v1/lineage/batch", content=json.dumps(events), timeout=120,
                       headers={"Authorization": f"Bearer {token}",
                                "Content-Type": "application/json"})
        with lock:
            answers.append((r, events))

    threads = [threading.Thread(target=send, args=(k,)) for k in range(SENDERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    codes = sorted(r.status_code for r, _ in answers)
    assert set(codes) == {200, 503}, codes
    refused = next(r for r, _ in answers if r.status_code == 503)
    assert refused.headers["retry-after"] == "1"
    assert refused.json()["error"] == "OVERLOADED"
    acked = [e["run"]["runId"] for r, events in answers if r.status_code == 200 for e in events]
    refused_runs = [e["run"]["runId"] for r, events in answers if r.status_code == 503
                    for e in events]
    found = store.get_nodes([ids.run_id(r) for r in acked + refused_runs])
    assert all(ids.run_id(r) in found for r in acked)  # acknowledged: written
    assert not any(ids.run_id(r) in found for r in refused_runs)  # refused: nothing written


def test_the_openlineage_client_retries_through_overload(queued, store, uid):
    """12 clients at once on 4 places: the first burst is refused in part for sure."""
    base, token, app = queued
    ns = f"bp-client-{uid}"
    sent: list[str] = []
    lock = threading.Lock()

    start = threading.Barrier(SENDERS)

    def emit(k: int) -> None:
        cfg = HttpConfig.from_dict({"url": base, "timeout": 60,
                                    "auth": {"type": "api_key", "apiKey": token}})
        client = OpenLineageClient(transport=HttpTransport(cfg))  # default retries
        start.wait()
        for j in range(6):
            event = simple(ns, f"job{k}", str(generate_new_uuid()), RunState.COMPLETE, j,
                           inputs=("src",), outputs=(f"out{k}",))
            client.emit(event)
            with lock:
                sent.append(str(event.run.runId))

    threads = [threading.Thread(target=emit, args=(k,)) for k in range(SENDERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert app.state.openlineage_gate.refused > 0  # there was overload to retry through
    assert len(sent) == SENDERS * 6
    found = store.get_nodes([ids.run_id(r) for r in sent])
    assert [r for r in sent if ids.run_id(r) not in found] == []
