"""Webhooks kept safe: a team's secret is sealed in the graph (never plain, never returned,
never in the audit log) and the deliveries stay signed with it, plain secrets of an older
graph keep working and are sealed at start; a webhook URL must reach a public address (cloud
metadata, loopback, private networks are refused when set, naming `url`, and again at each
delivery, logged and not retried) unless an operator allows the network; on Neo4j the server
refuses to start without CATALOG_SECRET_KEY."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from catalog.api.app import create_app
from catalog.auth import Role, TokenStore
from catalog.crypto import KEY_FILE, secret_box
from catalog.marketplace import egress
from catalog.marketplace.webhooks import WebhookService
from catalog.settings import Settings
from graph import marketplace as gm
from tests.conftest import LOOPBACK, bearer
from tests.support.engines import NEO4J, only_embedded
from tests.support.server import free_port, gql, running
from tests.support.waiting import eventually
from tests.support.webhook_receiver import receiver

SET = """mutation($in: TeamWebhookInput!) { setTeamWebhook(input: $in) { team url } }"""
SECRET = "a-secret-of-twenty-chars"
WITHIN_S = 60
LOG = """query($target: String) { auditLog(target: $target, action: "setTeamWebhook",
  first: 10) { after } }"""


@pytest.fixture(scope="module")
def strict(store, tmp_path_factory):
    """An app with the default settings (no network allowed) and no deliverer of its own."""
    with running(create_app(Settings(data_dir=tmp_path_factory.mktemp("strict")), store=store,
                            background=False)) as base:
        yield base


@pytest.fixture(scope="module")
def steward(store) -> dict[str, str]:
    return bearer(TokenStore(store).create("stella-hooks", Role.STEWARD)[1])


def notify(store, team: str, uid: str) -> str:
    """A pending notification to `team` (as the SLA monitor writes them)."""
    nid = f"notification:test-{uid}|incident.opened|{team}"
    body = json.dumps({"event": "incident.opened", "team": team, "test": uid}, sort_keys=True)
    store.write(lambda tx: gm.notify(tx, [{"id": nid, "team": team, "kind": "incident.opened",
                                           "product": f"product:{uid}/p", "payload": body,
                                           "status": "pending"}]))
    return nid


def signed(call: dict, secret: str) -> bool:
    digest = hmac.new(secret.encode(), call["raw"], hashlib.sha256).hexdigest()
    return call["headers"]["X-Mesh-Signature"] == f"sha256={digest}"


@pytest.mark.parametrize("url, reason", [
    ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"),
    ("http://localhost:9000/admin", "localhost resolves to 127.0.0.1, a loopback address"),
    ("http://127.0.0.1:8080/hook", "a loopback address"),
    ("https://[::1]/hook", "a loopback address"),
    ("http://10.1.2.3/hook", "a private address"),
    ("http://0.0.0.0:80/", "an unspecified address"),
    ("http://[::ffff:169.254.169.254]/", "a link-local address"),
    ("http://no-such-host.invalid/hook", "does not resolve")])
def test_internal_urls_are_refused_when_set(strict, steward, uid, url, reason):
    got = gql(strict, SET, {"in": {"team": f"t-{uid}", "url": url, "secret": SECRET}},
              headers=steward)
    e = got["errors"][0]
    assert e["extensions"] == {"code": "BAD_INPUT", "field": "input.url"}
    assert reason in e["message"] and "CATALOG_WEBHOOK_ALLOWED_NETWORKS" in e["message"]
    assert got["data"] is None


def test_an_allowed_network_opts_in_and_the_secret_is_sealed(server, store, steward, uid):
    """The session's server allows loopback (LOOPBACK): `localhost` is accepted, the secret
    is stored sealed, deliveries are signed with it, and the audit log holds no secret."""
    team = f"team-{uid}"
    with receiver() as got:
        url = got.url.replace("127.0.0.1", "localhost")
        r = gql(server, SET, {"in": {"team": team, "url": url, "secret": SECRET}},
                headers=steward)
        assert r["data"]["setTeamWebhook"] == {"team": team, "url": url}
        stored = gm.webhooks(store, [team])[team]
        assert "secret" not in stored and SECRET not in json.dumps(stored)
        assert stored["secret_sealed"].startswith("gAAAA")  # a Fernet token
        nid = notify(store, team, uid)
        assert eventually(lambda: any(c["headers"]["X-Mesh-Delivery"] == nid
                                      for c in got.calls), WITHIN_S)
        assert signed(got.calls[-1], SECRET)
    admin = bearer(TokenStore(store).create(f"admin-{uid}", Role.ADMIN)[1])
    entries = gql(server, LOG, {"target": team}, headers=admin)["data"]["auditLog"]
    assert entries and SECRET not in json.dumps(entries) and "sealed" not in json.dumps(entries)


def test_plain_secrets_of_an_older_graph_keep_working_and_are_sealed(server, store, uid):
    team = f"old-{uid}"
    with receiver() as got:
        # a webhook as graphs kept it before sealing (written as that version's statement did)
        store.write(lambda tx: tx.run(
            "MERGE (w:Webhook {id: $team}) SET w.team = $team, w.url = $url, "
            "w.secret = $secret", team=team, url=got.url, secret=SECRET))
        first = notify(store, team, f"{uid}-1")
        assert eventually(lambda: any(c["headers"]["X-Mesh-Delivery"] == first
                                      for c in got.calls), WITHIN_S)
        assert signed(got.calls[-1], SECRET)
        # what a server does at start: seal it
        settings = Settings(webhook_allowed_networks=LOOPBACK)
        hooks = WebhookService(store, settings, secret_box(settings, store))
        assert hooks.seal_stored() >= 1
        stored = gm.webhooks(store, [team])[team]
        assert "secret" not in stored and hooks.secret_of(stored) == SECRET
        second = notify(store, team, f"{uid}-2")
        assert eventually(lambda: any(c["headers"]["X-Mesh-Delivery"] == second
                                      for c in got.calls), WITHIN_S)
        assert signed(got.calls[-1], SECRET)


def test_a_delivery_to_an_internal_address_is_refused_logged_and_not_retried(
        server, store, uid):
    """A webhook whose host now resolves inside (here written straight to the graph, as a
    DNS change would make it) is refused at delivery: once, with the reason in the log."""
    team = f"dns-{uid}"
    settings = Settings()
    sealed = secret_box(settings, store).seal(SECRET)
    store.write(lambda tx: gm.set_webhook(tx, team=team, by="test", sealed=sealed,
                                          url="http://169.254.169.254/latest/meta-data/"))
    nid = notify(store, team, uid)
    q = """query($t: String) { notifications(team: $t) { id status attempts deliveryLog } }"""
    admin = bearer(TokenStore(store).create(f"adm-{uid}", Role.ADMIN)[1])

    def note() -> dict:
        rows = gql(server, q, {"t": team}, headers=admin)["data"]["notifications"]
        return next(n for n in rows if n["id"] == nid)
    assert eventually(lambda: note()["status"] == "failed", WITHIN_S)
    got = note()
    assert got["attempts"] == 1 and len(got["deliveryLog"]) == 1
    assert got["deliveryLog"][0]["error"] == \
        "refused: 169.254.169.254 is a link-local address"


def test_the_guarded_transport_connects_only_where_allowed():
    """At connect time, on the address connected to: a name resolving to loopback."""
    with receiver() as got:
        url = got.url.replace("127.0.0.1", "localhost")
        with httpx.Client(transport=egress.GuardedTransport([])) as client, \
                pytest.raises(egress.Refused, match="loopback"):
            client.post(url, content=b"{}")
        allowed = Settings(webhook_allowed_networks=LOOPBACK).webhook_allowed_networks
        with httpx.Client(transport=egress.GuardedTransport(allowed)) as client:
            assert client.post(url, content=b"{}").status_code == 200
        assert len(got.calls) == 1


@only_embedded("the key generated into the engine's data folder")
def test_the_embedded_key_is_generated_once_beside_the_engine(store):
    folder = store.engine.data_dir
    box = secret_box(Settings(), store)
    path = folder / KEY_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    sealed = box.seal("x" * 20)
    assert secret_box(Settings(data_dir=Path("/elsewhere")), store).open(sealed) == "x" * 20
    # a key set later seals anew and still opens what the generated key sealed
    later = secret_box(Settings(secret_key="p" * 40), store)
    assert later.open(sealed) == "x" * 20 and not later.is_current(sealed)
    assert later.is_current(later.reseal(sealed))


@pytest.mark.skipif(not NEO4J, reason="the Neo4j leg: the key is required there")
def test_neo4j_without_a_secret_key_refuses_to_start(graph, tmp_path):
    env = {k: v for k, v in {**os.environ, **graph.env}.items() if k != "CATALOG_SECRET_KEY"}
    proc = subprocess.run([str(Path(sys.executable).parent / "catalog"), "serve", "--port",
                           str(free_port()), "--workers", "1"], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert "CATALOG_SECRET_KEY is required with the neo4j engine" in proc.stderr
