"""The receiver over HTTP on the real app: the real openlineage-python client (plain, gzip,
bearer token), batches, refusals naming the path, limits, the raw event log."""

from __future__ import annotations

import gzip
import json
import socket

import httpx
import pytest
import requests
from openlineage.client import OpenLineageClient
from openlineage.client.event_v2 import RunState
from openlineage.client.transport.http import HttpConfig, HttpTransport
from openlineage.client.uuid import generate_new_uuid

from catalog.api.app import create_app
from catalog.api.openlineage import ingest_body
from catalog.api.openlineage_relay import RelayServer
from catalog.auth import Role, TokenStore
from catalog.runtime import Runtime
from catalog.settings import Settings
from identity import ids
from tests.conftest import FIXTURES
from tests.support.fixture_files import found
from tests.support.openlineage import as_dict, rich_run, simple
from tests.support.server import gql, running

LIMIT, INFLATED = 64 * 1024, 256 * 1024
INGEST: dict[str, str] = {}  # base URL -> a token with the ingest role on that server
READER: dict[str, str] = {}
_DEFAULT = object()


@pytest.fixture(autouse=True)
def _server_tokens(server, tokens):
    INGEST[server], READER[server] = tokens[Role.INGEST], tokens[Role.READER]


def client(base: str, token=_DEFAULT, **config) -> OpenLineageClient:
    """The real client; by default with the server's ingest token as its api_key."""
    token = INGEST.get(base) if token is _DEFAULT else token
    if token:
        config.setdefault("auth", {"type": "api_key", "apiKey": token})
    cfg = HttpConfig.from_dict({"url": base, "timeout": 60, "retry": {"total": 0}, **config})
    return OpenLineageClient(transport=HttpTransport(cfg))


@pytest.fixture(scope="module")
def relayed(store, tmp_path_factory, tokens):
    """An app as a worker of `catalog serve --workers N` runs it: its OpenLineage writes go
    over the relay's socket to a writer of their own (in `catalog serve`, the supervisor)."""
    writer = Runtime.create(store, Settings(data_dir=tmp_path_factory.mktemp("relay-data")),
                            serves=False, background=False)
    writer.start()
    relay = RelayServer(lambda body, batch: ingest_body(store, writer, body, batch))
    relay.start()
    settings = Settings(data_dir=tmp_path_factory.mktemp("relayed-data"),
                        openlineage_relay=relay.path, governance_continuous=False)
    try:
        with running(create_app(settings, store=store)) as base:
            INGEST[base], READER[base] = tokens[Role.INGEST], tokens[Role.READER]
            yield base
    finally:
        relay.stop()
        writer.stop()


@pytest.fixture(params=["in the worker", "relayed"])
def receiver(request, server) -> str:
    """The receiver that writes in its own process, and the one that relays its writes."""
    return server if request.param == "in the worker" else request.getfixturevalue("relayed")


@pytest.fixture(scope="module")
def strict(store, tmp_path_factory):
    """A second app on the same store: small limits, its own data folder and tokens."""
    data = tmp_path_factory.mktemp("strict-data")
    settings = Settings(data_dir=data, openlineage_max_body_bytes=LIMIT,
                        openlineage_max_decompressed_bytes=INFLATED)
    tokens = TokenStore(store)
    with running(create_app(settings, store=store)) as base:
        INGEST[base] = tokens.create("ol-test", Role.INGEST)[1]
        READER[base] = tokens.create("ol-reader", Role.READER)[1]
        yield base, data


READ_BACK = """query($job: ID!, $out: ID!, $alias: ID!, $run: ID!) {
  job(id: $job) { name type sql description owners { name } tags { name }
                  inputs { id } outputs { id } }
  dataset(id: $out) { name platform description owners { name }
                      columns { name path type description } }
  alias: dataset(id: $alias) { id columns { path } }
  node(id: $run) { ... on Run { state started ended nominalTime job { id } } }
}"""


@pytest.mark.parametrize("compression", [None, "gzip"])
def test_the_openlineage_client_over_http(receiver, uid, compression):
    server = receiver
    ns = f"http-{uid}"
    event = rich_run(ns, "build_report")
    config = {"compression": compression} if compression else {}
    client(server, **config).emit(event)  # answered only after commit
    db = f"postgres://{ns}:5432"
    out = ids.dataset_id(db, "shop.public.report")
    data = gql(server, READ_BACK, {
        "job": ids.job_id(ns, "build_report"), "out": out, "run": ids.run_id(event.run.runId),
        "alias": ids.dataset_id(f"hive://{ns}", "shop.orders")})
    assert "errors" not in data, data
    d = data["data"]
    assert d["job"]["type"] == "JOB" and d["job"]["sql"] == "SELECT 1"
    assert d["job"]["owners"] == [{"name": "analytics"}]
    assert d["job"]["tags"] == [{"name": "tier:gold"}]
    assert d["job"]["outputs"] == [{"id": out}]
    assert d["dataset"]["platform"] == "postgres"
    assert d["dataset"]["description"] == "Daily report"
    assert [c["name"] for c in d["dataset"]["columns"]] == ["order_id", "email_hash", "city"]
    assert d["alias"]["id"] == ids.dataset_id(db, "shop.public.orders")  # via SAME_AS
    assert [c["path"] for c in d["alias"]["columns"]] == [
        "id", "email", "address", "address.city", "address.zip"]
    assert d["node"]["state"] == "COMPLETE" and d["node"]["job"]["id"] == \
        ids.job_id(ns, "build_report")


def test_an_ingest_token_is_required(strict, uid):
    base, _ = strict
    ns = f"key-{uid}"
    event = simple(ns, "job", str(generate_new_uuid()), RunState.COMPLETE, 0)
    with pytest.raises(requests.HTTPError) as err:
        client(base, token=None).emit(event)
    assert err.value.response.status_code == 401
    with pytest.raises(requests.HTTPError) as err:
        client(base, token="mct_0123456789ab_wrong").emit(event)
    assert err.value.response.status_code == 401
    with pytest.raises(requests.HTTPError) as err:
        client(base, token=READER[base]).emit(event)
    assert err.value.response.status_code == 403
    assert "needs ingest" in err.value.response.json()["errors"][0]["message"]
    assert not job_found(base, ids.job_id(ns, "job"))
    client(base, compression="gzip").emit(event)
    assert job_found(base, ids.job_id(ns, "job"))


def job_found(base: str, job_id: str) -> bool:
    data = gql(base, "query($id: ID!) { job(id: $id) { id } }", {"id": job_id})
    if data.get("errors"):
        assert data["errors"][0]["extensions"]["code"] == "NOT_FOUND", data
        return False
    return data["data"]["job"]["id"] == job_id


def _post(base, path, body: bytes, **headers):
    """POST with the server's ingest token unless the caller sets Authorization."""
    auth = {"Authorization": f"Bearer {INGEST[base]}"} if base in INGEST else {}
    return httpx.post(f"{base}{path}", content=body, timeout=60,
                      headers={"Content-Type": "application/json", **auth, **headers})


def test_an_invalid_event_is_refused_with_paths_and_nothing_written(receiver, uid):
    server = receiver
    path = FIXTURES / "openlineage" / "clients" / "proxy_fluentd" / "events" / \
        "event_invalid_job_facet.json"
    event = json.loads(path.read_text())
    event["job"]["name"] = f"invalid-{uid}"
    r = _post(server, "/api/v1/lineage", json.dumps(event).encode())
    assert r.status_code == 400
    assert r.json()["errors"] == [{"path": "$.job.facets.ownership.owners[0].name",
                                   "message": "is a required property"}]
    assert not job_found(server, ids.job_id(event["job"]["namespace"], event["job"]["name"]))


@pytest.mark.parametrize("as_ndjson", [False, True])
def test_batch_has_a_result_per_event(receiver, uid, as_ndjson):
    server = receiver
    ns = f"batch-{uid}"
    events = [as_dict(simple(ns, f"job{i}", str(generate_new_uuid()), RunState.COMPLETE, i))
              for i in range(3)]
    events.insert(1, {"eventTime": "2024-01-01T00:00:00Z", "producer": "x",
                      "run": {}, "job": {"namespace": ns, "name": "broken"}})
    body = ("\n".join(json.dumps(e) for e in events) if as_ndjson else json.dumps(events))
    r = _post(server, "/api/v1/lineage/batch", body.encode())
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["status"] == "partial_success"
    assert out["summary"] == {"received": 4, "successful": 3, "failed": 1, "retriable": 0,
                              "non_retriable": 1}
    assert out["failed_events"][0]["index"] == 1
    assert out["failed_events"][0]["errors"] == [{"path": "$.run.runId",
                                                  "message": "is a required property"}]
    assert job_found(server, ids.job_id(ns, "job2"))
    assert not job_found(server, ids.job_id(ns, "broken"))
    all_bad = _post(server, "/api/v1/lineage/batch", json.dumps([events[1]]).encode())
    assert all_bad.status_code == 400 and all_bad.json()["summary"]["failed"] == 1


def test_broken_bodies_are_400(receiver):
    server = receiver
    assert _post(server, "/api/v1/lineage", b'{"run": not json').json()["error"] == "BAD_JSON"
    r = _post(server, "/api/v1/lineage", b"\x1f\x8b\x08garbage", **{"Content-Encoding": "gzip"})
    assert r.status_code == 400 and r.json()["error"] == "BAD_GZIP"
    truncated = gzip.compress(b'{"a": 1}' * 100)[:-12]
    r = _post(server, "/api/v1/lineage", truncated, **{"Content-Encoding": "gzip"})
    assert r.status_code == 400
    r = _post(server, "/api/v1/lineage", b"[]")
    assert r.status_code == 400 and "batch" in r.json()["errors"][0]["message"]
    r = _post(server, "/api/v1/lineage/batch", b'{"a": 1}\n{broken')
    assert r.status_code == 400 and r.json()["errors"][0]["path"] == "$[line 2]"
    r = _post(server, "/api/v1/lineage", b"{}", **{"Content-Encoding": "br"})
    assert r.status_code == 415


def test_size_limits_are_413(strict):
    base, _ = strict
    auth = {"Authorization": f"Bearer {INGEST[base]}"}
    big = b" " * (LIMIT + 1)
    assert _post(base, "/api/v1/lineage", big, **auth).status_code == 413
    bomb = gzip.compress(b"[" + b" " * (INFLATED + 10) + b"]")
    assert len(bomb) < LIMIT
    r = _post(base, "/api/v1/lineage/batch", bomb, **auth, **{"Content-Encoding": "gzip"})
    assert r.status_code == 413 and r.json()["error"] == "TOO_LARGE"
    # streamed without a Content-Length: counted as it arrives
    r = httpx.post(f"{base}/api/v1/lineage", content=iter([b" " * 40_000] * 2), timeout=60,
                   headers=auth)
    assert r.status_code == 413


def test_accepted_events_are_in_the_raw_event_log(strict, uid):
    base, data = strict
    ns = f"log-{uid}"
    good = as_dict(simple(ns, "logged", str(generate_new_uuid()), RunState.COMPLETE, 0))
    bad = {**good, "eventType": "NOPE"}
    r = _post(base, "/api/v1/lineage/batch", json.dumps([good, bad]).encode())
    assert r.status_code == 200
    lines = [json.loads(line) for f in sorted((data / "events").glob("*.ndjson"))
             for line in f.read_text().splitlines()]
    mine = [e for e in lines if e.get("job", {}).get("namespace") == ns]
    assert mine == [good]


def test_a_client_configured_from_the_environment(strict, uid, monkeypatch):
    """What a user does: OPENLINEAGE_URL (and OPENLINEAGE_API_KEY) and nothing else."""
    base, _ = strict
    monkeypatch.setenv("OPENLINEAGE_URL", base)
    monkeypatch.setenv("OPENLINEAGE_API_KEY", INGEST[base])
    monkeypatch.delenv("OPENLINEAGE_CONFIG", raising=False)
    ns = f"env-{uid}"
    OpenLineageClient().emit(simple(ns, "from_env", str(generate_new_uuid()),
                                    RunState.COMPLETE, 0))
    assert job_found(base, ids.job_id(ns, "from_env"))


MARQUEZ = FIXTURES / "openlineage" / "marquez" / "api_test_resources"
EDGE_CASES = found([*(MARQUEZ / "open_lineage").rglob("*.json"),
                    *(MARQUEZ / "apples").glob("*.json")], "Marquez API events", 23)


@pytest.mark.parametrize("path", EDGE_CASES, ids=lambda p: p.name)
def test_marquez_edge_cases_are_accepted_over_http(server, path):
    r = _post(server, "/api/v1/lineage", path.read_bytes())
    assert r.status_code == 200, r.text
    event = json.loads(path.read_text())
    if "job" in event:
        assert job_found(server, ids.job_id(event["job"]["namespace"], event["job"]["name"]))
    else:  # a DatasetEvent
        ds = event["dataset"]
        data = gql(server, "query($id: ID!) { dataset(id: $id) { name } }",
                   {"id": ids.dataset_id(ds["namespace"], ds["name"])})
        assert data["data"]["dataset"]["name"] == ds["name"]


FLUENTD = FIXTURES / "openlineage" / "clients" / "proxy_fluentd" / "events"


@pytest.mark.parametrize("name, path", [
    ("event_invalid_dataset_facet.json", "$.outputs[0].facets.ownership.owners[0].name"),
    ("event_invalid_input_dataset_facet.json",
     "$.inputs[0].inputFacets.dataQualityMetrics.columnMetrics"),
    ("event_invalid_job_facet.json", "$.job.facets.ownership.owners[0].name"),
    ("event_invalid_output_dataset_facet.json",
     "$.outputs[0].outputFacets.outputStatistics.rowCount"),
    ("event_invalid_run_facet.json", "$.run.facets.parent.run.runId"),
    ("event_no_run_id.json", "$.run.runId"),
])
def test_fluentd_invalid_events_get_400_naming_the_field(server, name, path):
    r = _post(server, "/api/v1/lineage", (FLUENTD / name).read_bytes())
    assert r.status_code == 400
    assert path in [e["path"] for e in r.json()["errors"]]


def test_a_16_mb_event_gets_a_readable_413(server):
    """The real client sends 16 MB (the limit is 10 MB): it reads the 413 and its reason,
    not a reset connection, and its session goes on working."""
    ol = client(server)
    run = str(generate_new_uuid())
    huge = simple("huge", "j" * (16 * 1024 * 1024), run, RunState.START, 0)
    with pytest.raises(requests.HTTPError) as refused:
        ol.emit(huge)
    assert refused.value.response.status_code == 413
    body = refused.value.response.json()
    assert body["error"] == "TOO_LARGE" and "over the limit" in body["errors"][0]["message"]
    ol.emit(simple("huge", "small", run, RunState.START, 0))  # the same session, still fine


def _exchange(sock: socket.socket, head: bytes, body: bytes = b"") -> tuple[bytes, bytes]:
    """Send a request, read one response: (status line and headers, body)."""
    sock.sendall(head + body)
    data = b""
    while b"\r\n\r\n" not in data:
        data += sock.recv(65536)
    top, _, rest = data.partition(b"\r\n\r\n")
    length = int(next(line.split(b":")[1] for line in top.split(b"\r\n")
                      if line.lower().startswith(b"content-length")))
    while len(rest) < length:
        rest += sock.recv(65536)
    return top.lower(), rest


def test_a_body_over_the_limit_is_drained_up_to_a_bound(store, tmp_path, tokens):
    """Over the limit but within the drain bound: read, dropped, answered, connection kept.
    Beyond the bound: answered at once with Connection: close (nothing more is read)."""
    settings = Settings(data_dir=tmp_path, openlineage_max_body_bytes=LIMIT,
                        openlineage_drain_bytes=1024 * 1024)
    with running(create_app(settings, store=store)) as base:
        host, port = base.removeprefix("http://").split(":")

        def head(size: int) -> bytes:
            return (f"POST /api/v1/lineage HTTP/1.1\r\nHost: {host}\r\nAuthorization: "
                    f"Bearer {tokens[Role.INGEST]}\r\nContent-Type: application/json\r\n"
                    f"Content-Length: {size}\r\n\r\n").encode()

        with socket.create_connection((host, int(port)), timeout=60) as sock:
            top, body = _exchange(sock, head(512 * 1024), b" " * (512 * 1024))
            assert top.startswith(b"http/1.1 413") and b"connection: close" not in top
            assert json.loads(body)["error"] == "TOO_LARGE"
            top, body = _exchange(sock, head(2), b"{}")  # the same connection serves on
            assert top.startswith(b"http/1.1 400"), top
        with socket.create_connection((host, int(port)), timeout=60) as sock:
            top, body = _exchange(sock, head(16 * 1024 * 1024))
            assert top.startswith(b"http/1.1 413") and b"connection: close" in top
            assert "16777216 bytes" in json.loads(body)["errors"][0]["message"]
