"""SLA monitoring end to end over HTTP: OpenLineage runs reach the server, the monitor
records them, a missed freshness and a failed run open incidents, a real local webhook
receiver gets them signed with the downstream products and datasets (through lineage),
and the late successful run closes them; an endpoint that is down never blocks ingestion."""

from __future__ import annotations

import hashlib
import hmac
import uuid
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from catalog.api.app import create_app
from catalog.auth import Role, TokenStore
from catalog.settings import Settings
from graph import Rel
from graph.props import json_prop
from identity import ids
from identity.namespaces import table_dataset
from ingestors.recipe import parse_recipe
from ingestors.runner import run_recipe
from tests.conftest import LOOPBACK, bearer
from tests.support.catalog_graph import add_product
from tests.support.databases import PG_HOST, PG_PORT, pg_database, pg_exec, pg_url
from tests.support.server import gql, running
from tests.support.waiting import eventually
from tests.support.webhook_receiver import receiver

SECRET = "s3cret-of-team-down"
PRODUCER = "https://example.com/test"
WITHIN_S = 60  # generous: the monitor and the deliverer poll every 0.2 s here


@pytest.fixture(scope="module")
def app_url(store, tmp_path_factory):
    settings = Settings(data_dir=tmp_path_factory.mktemp("sla-data"), sla_event_delay_s=0.2,
                        webhook_poll_s=0.2, webhook_backoff_s=0.2, webhook_max_attempts=3,
                        webhook_allowed_networks=LOOPBACK)  # the receivers are local
    with running(create_app(settings, store=store)) as base:
        yield base


@pytest.fixture(scope="module")
def people(store) -> dict[str, dict[str, str]]:
    made = TokenStore(store)
    return {name: bearer(made.create(name, role)[1]) for name, role in (
        ("team-down/dora", Role.CONSUMER), ("team-src/sam", Role.CONSUMER),
        ("team-bi/bo", Role.CONSUMER), ("ingest", Role.INGEST), ("stella", Role.STEWARD))}


def ago(minutes: float) -> str:
    return (datetime.now(UTC) - timedelta(minutes=minutes)).isoformat()


def event(ns: str, job: str, state: str, when: str, inputs: list[str], outputs: list[str],
          rows: int | None = None, run: str | None = None) -> dict:
    stats = {"outputStatistics": {"_producer": PRODUCER, "_schemaURL": PRODUCER,
                                  "rowCount": rows}} if rows is not None else {}
    return {"eventType": state, "eventTime": when, "producer": PRODUCER,
            "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
            "run": {"runId": run or str(uuid.uuid4())}, "job": {"namespace": ns, "name": job},
            "inputs": [{"namespace": ns, "name": n} for n in inputs],
            "outputs": [{"namespace": ns, "name": n, **({"outputFacets": stats}
                                                       if stats else {})} for n in outputs]}


def post(base: str, people, *events: dict) -> None:
    for e in events:
        r = httpx.post(f"{base}/api/v1/lineage", json=e, headers=people["ingest"], timeout=60)
        assert r.status_code in (200, 201, 202), r.text


def incidents(base: str, pid: str) -> list[dict]:
    q = "query($id: ID!) { dataProduct(id: $id) { incidents { id kind status startedAt " \
        "closedAt } health { state } } }"
    return gql(base, q, {"id": pid})["data"]["dataProduct"]["incidents"]


@pytest.fixture
def mesh(store, app_url, people, uid):
    """Product `src` (freshness 1h) whose dataset feeds product `down`'s dataset."""
    ns = f"postgres://db-{uid}:5432"
    src_ds, down_ds = ids.dataset_id(ns, "shop.public.orders"), \
        ids.dataset_id(ns, "bi.public.revenue")
    # the datasets and the lineage between them first (runs that have not finished)
    post(app_url, people, event(ns, "load_orders", "START", ago(200), [], ["shop.public.orders"]),
         event(ns, "revenue", "START", ago(200), ["shop.public.orders"],
               ["bi.public.revenue"]))
    assert eventually(lambda: len(store.get_nodes([src_ds, down_ds])) == 2, WITHIN_S)
    _, src = add_product(store, uid, "orders", owner="team-src",
                         sla=json_prop({"freshness": "1h"}))
    _, down = add_product(store, uid, "revenue", owner=f"down-{uid}")

    def contains(tx):
        tx.upsert_edges(Rel.CONTAINS, [{"src": src, "dst": src_ds},
                                       {"src": down, "dst": down_ds}], source="manual")
    store.write(contains)
    return {"ns": ns, "src": src, "down": down, "src_ds": src_ds, "down_ds": down_ds,
            "team": f"down-{uid}", "bi": f"bi-{uid}"}  # teams of this test only


def test_fail_then_late_run_opens_incidents_webhook_gets_them_and_recovery_closes(
        app_url, people, mesh):
    src = mesh["src"]
    hook = """mutation($in: TeamWebhookInput!) { setTeamWebhook(input: $in) { team url } }"""
    with receiver() as got:
        r = gql(app_url, hook, {"in": {"team": mesh["team"], "url": got.url,
                                       "secret": SECRET}}, headers=people["stella"])
        assert r["data"]["setTeamWebhook"]["url"] == got.url
        # a subscriber (no webhook: notified in the UI's list only)
        req = gql(app_url, """mutation($in: AccessRequestInput!) { requestAccess(input: $in)
                  { id } }""", {"in": {"productId": src, "purpose": "kpis", "team": mesh["bi"]}},
                  headers=people["team-bi/bo"])["data"]["requestAccess"]["id"]
        gql(app_url, "mutation($id: ID!) { approveAccessRequest(id: $id) { status } }",
            {"id": req}, headers=people["team-src/sam"])

        # a successful run two hours ago: with freshness 1h the product is late
        post(app_url, people, event(mesh["ns"], "load_orders", "COMPLETE", ago(120), [],
                                    ["shop.public.orders"], rows=1000))
        assert eventually(lambda: any(i["kind"] == "missed_freshness" and i["status"] == "open"
                                      for i in incidents(app_url, src)), WITHIN_S)
        # then a run that fails
        post(app_url, people, event(mesh["ns"], "load_orders", "FAIL", ago(5), [],
                                    ["shop.public.orders"]))
        assert eventually(lambda: any(i["kind"] == "failed_run" and i["status"] == "open"
                                      for i in incidents(app_url, src)), WITHIN_S)
        health = gql(app_url, "query($id: ID!) { productHealth(id: $id) { state causes } }",
                     {"id": src})["data"]["productHealth"]
        assert health["state"] == "failing"

        # the downstream owner's webhook got both, signed, naming what is affected
        assert eventually(lambda: {b["incident"]["kind"] for b in got.bodies("incident.opened")
                                   if b["product"]["id"] == src}
                          >= {"missed_freshness", "failed_run"}, WITHIN_S)
        call = next(c for c in got.calls if c["body"]["product"]["id"] == src)
        expected = "sha256=" + hmac.new(SECRET.encode(), call["raw"], hashlib.sha256).hexdigest()
        assert call["headers"]["X-Mesh-Signature"] == expected
        body = call["body"]
        assert body["team"] == mesh["team"]
        assert body["downstream"]["products"] == [mesh["down"]]
        assert mesh["down_ds"] in body["downstream"]["datasets"]
        assert body["downstream"]["datasets_total"] == len(body["downstream"]["datasets"])
        assert body["team_products"] == [mesh["down"]]  # why this team hears of it

        # the late run succeeds: the product recovers and both incidents close
        post(app_url, people, event(mesh["ns"], "load_orders", "COMPLETE", ago(0), [],
                                    ["shop.public.orders"], rows=1010))
        assert eventually(lambda: all(i["status"] == "closed" for i in incidents(app_url, src))
                          and len(incidents(app_url, src)) == 2, WITHIN_S)
        assert eventually(lambda: {b["incident"]["kind"] for b in got.bodies("incident.closed")
                                   if b["product"]["id"] == src}
                          >= {"missed_freshness", "failed_run"}, WITHIN_S)
        assert incidents(app_url, src) and gql(
            app_url, "query($id: ID!) { productHealth(id: $id) { state } }",
            {"id": src})["data"]["productHealth"]["state"] == "healthy"

    # the subscriber's notifications are in the UI's list (no webhook: unsent)
    notes = gql(app_url, "query($t: String) { notifications(team: $t) { kind productId "
                "status payload } }", {"t": mesh["bi"]},
                headers=people["team-bi/bo"])["data"]["notifications"]
    mine = [n for n in notes if n["productId"] == src]
    assert {n["kind"] for n in mine} == {"incident.opened", "incident.closed"}
    assert all(n["status"] == "unsent" for n in mine)


def test_a_down_webhook_never_blocks_ingestion_and_its_attempts_are_logged(
        app_url, people, mesh, store):
    with receiver() as got:
        got.status = 500
        gql(app_url, """mutation($in: TeamWebhookInput!) { setTeamWebhook(input: $in)
            { team } }""", {"in": {"team": mesh["team"], "url": got.url, "secret": SECRET}},
            headers=people["stella"])
        post(app_url, people, event(mesh["ns"], "load_orders", "FAIL", ago(1), [],
                                    ["shop.public.orders"]))
        q = "query($t: String) { notifications(team: $t, first: 200) { id productId " \
            "status attempts deliveryLog } }"

        def tried() -> list[dict]:  # notifications of this product tried 3 times or more
            rows = gql(app_url, q, {"t": mesh["team"]},
                       headers=people["stella"])["data"]["notifications"]
            return [n for n in rows if n["productId"] == mesh["src"] and n["attempts"] >= 3]
        assert eventually(lambda: bool(tried()), WITHIN_S)
        note = tried()[0]
        assert len(note["deliveryLog"]) == note["attempts"]  # every attempt logged
        assert all(e["status"] == 500 and e["error"] == "HTTP 500" for e in note["deliveryLog"])
        assert note["status"] in ("pending", "failed")  # retried with back-off, then given up
        # meanwhile ingestion went on: another event is accepted and written
        post(app_url, people, event(mesh["ns"], "load_orders", "COMPLETE", ago(0), [],
                                    ["shop.public.orders"], rows=5))
        calls = [c for c in got.calls if c["headers"]["X-Mesh-Delivery"] == note["id"]]
        assert len(calls) >= note["attempts"]  # each logged attempt reached the endpoint


CONTRACT = """kind: DataContract
id: orders
version: 1.0.0
dataset: {dataset}
fields:
  - {{name: id, type: integer}}
  - {{name: email, type: string}}
  - {{name: amount, type: number}}
"""
def pg_recipe(db: str):
    return parse_recipe({"source": {"type": "database", "config": {"url": pg_url(db)}}},
                        base_dir=Path.cwd())


def pg_table_id(db: str, table: str) -> str:
    return table_dataset("postgres", host=PG_HOST, port=PG_PORT, database=db,
                         schema="public", table=table)


COLUMNS = ", ".join(f"c{i} text" for i in range(8))  # enough facts for the stale guard


@contextmanager
def subscribed_contract(app_url, people, store, uid, tmp_path, db_name: str):
    """A harvested PostgreSQL `orders` table in a product whose contract names its columns,
    and team bi-<uid> subscribed to it with a webhook on a live receiver: (db, pid, got)."""
    with pg_database(db_name, f"CREATE TABLE orders (id int primary key, email text, "
                              f"amount numeric, {COLUMNS})") as db:
        run_recipe(pg_recipe(db), store)
        ds = pg_table_id(db, "orders")
        contract = tmp_path / "orders.yaml"
        contract.write_text(CONTRACT.format(dataset=ds))
        _, pid = add_product(store, uid, "orders", owner="team-src",
                             contract_ref=str(contract), contract_format="mesh")
        store.write(lambda tx: tx.upsert_edges(Rel.CONTAINS, [{"src": pid, "dst": ds}],
                                               source="manual"))
        team = f"bi-{uid}"
        with receiver() as got:
            gql(app_url, """mutation($in: TeamWebhookInput!) { setTeamWebhook(input: $in)
                { team } }""", {"in": {"team": team, "url": got.url, "secret": SECRET}},
                headers=people["stella"])
            req = gql(app_url, """mutation($in: AccessRequestInput!) { requestAccess(
                input: $in) { id } }""", {"in": {"productId": pid, "purpose": "bi",
                                                  "team": team}},
                      headers=people["team-bi/bo"])["data"]["requestAccess"]["id"]
            gql(app_url, "mutation($id: ID!) { approveAccessRequest(id: $id) { status } }",
                {"id": req}, headers=people["stella"])
            yield db, pid, got


def test_a_contract_breaking_harvest_notifies_subscribers(app_url, people, store, uid,
                                                         tmp_path):
    with subscribed_contract(app_url, people, store, uid, tmp_path,
                             "mkt_contract") as (db, pid, got):
        # the harvest after email was dropped and amount became text
        pg_exec(db, "ALTER TABLE orders DROP COLUMN email; "
                    "ALTER TABLE orders ALTER COLUMN amount TYPE text")
        run_recipe(pg_recipe(db), store)

        def breaks() -> dict[str, dict]:
            return {b["breaks"][0]["column"]: b for b in got.bodies(
                "contract.breaking_change") if b["product"]["id"] == pid}
        assert eventually(lambda: set(breaks()) == {"email", "amount"}, WITHIN_S)
        body = breaks()["email"]
        assert body["team"] == f"bi-{uid}" and body["breaks"][0]["kind"] == "missing_column"
        assert breaks()["amount"]["breaks"][0]["kind"] == "type"
        assert body["incident"]["kind"] == "contract_break"
        open_ = [i for i in incidents(app_url, pid) if i["status"] == "open"]
        assert {i["kind"] for i in open_} == {"contract_break"} and len(open_) == 2


def test_a_contract_break_that_returns_opens_a_new_incident(app_url, people, store, uid,
                                                           tmp_path):
    """A contracted column removed (an incident, notified), restored (closed), removed again:
    a new open incident beside the closed one, and a new notification."""
    with subscribed_contract(app_url, people, store, uid, tmp_path,
                             "mkt_reopen") as (db, pid, got):
        def told() -> list[dict]:  # the breaking changes the team's webhook got
            return [c for c in got.calls if c["body"].get("event") ==
                    "contract.breaking_change" and c["body"]["product"]["id"] == pid]

        def breaks() -> list[dict]:
            return [i for i in incidents(app_url, pid) if i["kind"] == "contract_break"]

        pg_exec(db, "ALTER TABLE orders DROP COLUMN email")
        run_recipe(pg_recipe(db), store)
        assert eventually(lambda: [i["status"] for i in breaks()] == ["open"], WITHIN_S)
        assert eventually(lambda: len(told()) == 1, WITHIN_S)
        first = breaks()[0]["id"]

        pg_exec(db, "ALTER TABLE orders ADD COLUMN email text")
        run_recipe(pg_recipe(db), store)
        assert eventually(lambda: [i["status"] for i in breaks()] == ["closed"], WITHIN_S)

        pg_exec(db, "ALTER TABLE orders DROP COLUMN email")
        run_recipe(pg_recipe(db), store)
        assert eventually(lambda: sorted(i["status"] for i in breaks())
                          == ["closed", "open"], WITHIN_S)
        again = next(i for i in breaks() if i["status"] == "open")
        assert again["id"] != first
        assert next(i for i in breaks() if i["id"] == first)["status"] == "closed"
        assert eventually(lambda: len(told()) == 2, WITHIN_S)
        second = told()[1]
        assert second["body"]["incident"]["id"] == again["id"]
        assert second["body"]["breaks"][0]["column"] == "email"
        assert second["headers"]["X-Mesh-Delivery"] != told()[0]["headers"][
            "X-Mesh-Delivery"]


def test_a_product_that_stays_late_keeps_one_freshness_incident(store, uid):
    """Late successes (a backfill) move the deadline, not the incident: one opened while
    the product stays late, closed once it is fresh."""
    from catalog.sla import SlaService
    from graph import sla as gs
    from tests.support.catalog_graph import add_dataset

    _, prod = add_product(store, uid, "late", sla=json_prop({"freshness": "1h"}))
    ds = add_dataset(store, uid, f"{uid}.late", [("id", "int")], product=prod)
    svc = SlaService(store)

    def succeeded(minutes_ago: int) -> dict:
        at = ago(minutes_ago)
        store.write(lambda tx: gs.set_health(tx, [{
            "id": ds, "last_success": at, "last_run_state": "COMPLETE", "last_run_at": at,
            "last_run": f"run:{uuid.uuid4()}", "updates": [at], "row_counts": []}]))
        got = svc.check([prod], notify=False)
        return {"opened": [i["id"] for i in got.opened], "closed": [i["id"] for i in got.closed],
                "open": [i["id"] for i in gs.open_incidents(store, [prod])]}

    first = succeeded(300)
    assert len(first["opened"]) == 1 and first["open"] == first["opened"]
    for minutes in (240, 180, 120):  # each still more than an hour ago
        assert succeeded(minutes) == {"opened": [], "closed": [], "open": first["opened"]}
    assert succeeded(1) == {"opened": [], "closed": first["opened"], "open": []}
    again = succeeded(200)  # late again: a new incident
    assert len(again["opened"]) == 1 and again["opened"] != first["opened"]
