"""The marketplace through the real server over HTTP: request, approve (a subscription),
deny, end; rate (one current rating each, history kept) and the aggregates; certify; the
owner's inbox; bad input named by field with a code."""

from __future__ import annotations

import pytest

from catalog.auth import Role, TokenStore
from graph.props import json_prop
from identity import ids
from tests.conftest import bearer
from tests.support.catalog_graph import add_dataset, add_product
from tests.support.server import err, gql, ok

REQUEST = """mutation($in: AccessRequestInput!) { requestAccess(input: $in) {
  id productId port consumer team purpose status requestedBy decidedBy reason
  history { status by reason } } }"""
APPROVE = """mutation($id: ID!, $r: String) { approveAccessRequest(id: $id, reason: $r) {
  id status decidedBy decidedAt reason history { status by reason } } }"""
DENY = """mutation($id: ID!, $r: String!) { denyAccessRequest(id: $id, reason: $r) {
  id status reason } }"""
END = """mutation($id: ID!) { endSubscription(id: $id) { id status endedBy history { status } } }"""
RATE = """mutation($in: RatingInput!) { rateProduct(input: $in) { id stars comment consumer } }"""
PRODUCT = """query($id: ID!) { dataProduct(id: $id) {
  rating { count mean distribution } ratings(history: true) { stars validTo consumer }
  certification { note by expiresAt } subscriptions { consumer requestId port } } }"""


@pytest.fixture(scope="module")
def people(store) -> dict[str, dict[str, str]]:
    """Authorization headers: consumers, the owner team's token, a steward, a reader."""
    made = TokenStore(store)
    return {name: bearer(made.create(name, role)[1]) for name, role in (
        ("team-bi/carol", Role.CONSUMER), ("team-ml/dan", Role.CONSUMER),
        ("team-orders/olga", Role.CONSUMER), ("stella", Role.STEWARD),
        ("rita", Role.READER))}


@pytest.fixture
def product(store, uid) -> str:
    _, pid = add_product(store, uid, "orders", owner="team-orders",
                         output_ports=json_prop([{"name": "warehouse"}]),
                         sla=json_prop({"freshness": "24h"}))
    add_dataset(store, uid, "shop.orders", [("id", "int"), ("email", "varchar")], product=pid)
    return pid


def test_request_approve_subscribe_end(server, product, people, tokens):
    req = ok(gql(server, REQUEST, {"in": {"productId": product, "purpose": "churn model",
                                          "port": "warehouse", "team": "team-bi"}},
                 headers=people["team-bi/carol"]))["requestAccess"]
    assert req["status"] == "pending" and req["consumer"] == "team-bi"
    assert req["requestedBy"] == "team-bi/carol" and req["port"] == "warehouse"

    # the owner team sees it in its inbox; another consumer does not
    inbox = ok(gql(server, "{ requestInbox { id } }", headers=people["team-orders/olga"]))
    assert req["id"] in [r["id"] for r in inbox["requestInbox"]]
    other = ok(gql(server, "{ requestInbox { id } }", headers=people["team-ml/dan"]))
    assert req["id"] not in [r["id"] for r in other["requestInbox"]]

    # the requester may not approve their own request; nor may another consumer
    e = err(gql(server, APPROVE, {"id": req["id"]}, headers=people["team-bi/carol"]))
    assert e["extensions"]["code"] == "FORBIDDEN" and e["extensions"]["field"] == "id"
    assert "own request" in e["message"]
    e = err(gql(server, APPROVE, {"id": req["id"]}, headers=people["team-ml/dan"]))
    assert e["extensions"]["code"] == "FORBIDDEN"

    done = ok(gql(server, APPROVE, {"id": req["id"], "r": "fine"},
                  headers=people["team-orders/olga"]))["approveAccessRequest"]
    assert done["status"] == "approved" and done["decidedBy"] == "team-orders/olga"
    assert [h["status"] for h in done["history"]] == ["pending", "approved"]
    subs = ok(gql(server, PRODUCT, {"id": product}))["dataProduct"]["subscriptions"]
    assert subs == [{"consumer": "team-bi", "requestId": req["id"], "port": "warehouse"}]

    # deciding twice is a conflict
    e = err(gql(server, DENY, {"id": req["id"], "r": "no"}, headers=people["stella"]))
    assert e["extensions"]["code"] == "CONFLICT"

    ended = ok(gql(server, END, {"id": req["id"]},
                   headers=people["team-bi/carol"]))["endSubscription"]
    assert ended["status"] == "ended" and ended["endedBy"] == "team-bi/carol"
    assert [h["status"] for h in ended["history"]] == ["pending", "approved", "ended"]
    assert ok(gql(server, PRODUCT, {"id": product}))["dataProduct"]["subscriptions"] == []
    mine = ok(gql(server, "{ accessRequests(mine: true) { id status } }",
                  headers=people["team-bi/carol"]))["accessRequests"]
    assert {"id": req["id"], "status": "ended"} in mine  # nothing deleted

    # the audit log has each decision with who took it and the role they held (admins read it)
    log = ok(gql(server, """query($t: String) { auditLog(target: $t, first: 20) {
        actor role action } }""", {"t": req["id"]}, headers=bearer(tokens[Role.ADMIN])))
    assert [(e["actor"], e["role"], e["action"]) for e in reversed(log["auditLog"])] == [
        ("team-orders/olga", "consumer", "approveAccess"),
        ("team-bi/carol", "consumer", "endSubscription")]
    log = ok(gql(server, """query($t: String) { auditLog(target: $t, action: "requestAccess",
        first: 20) { actor } }""", {"t": product}, headers=bearer(tokens[Role.ADMIN])))
    assert {"actor": "team-bi/carol"} in log["auditLog"]


def test_steward_denies_with_a_reason(server, product, people):
    req = ok(gql(server, REQUEST, {"in": {"productId": product, "purpose": "ads"}},
                 headers=people["team-ml/dan"]))["requestAccess"]
    assert req["consumer"] == "team-ml/dan" and req["team"] is None
    e = err(gql(server, DENY, {"id": req["id"], "r": " "}, headers=people["stella"]))
    assert e["extensions"]["code"] == "BAD_INPUT" and e["extensions"]["field"] == "reason"
    denied = ok(gql(server, DENY, {"id": req["id"], "r": "PII, no ads"},
                    headers=people["stella"]))["denyAccessRequest"]
    assert denied == {"id": req["id"], "status": "denied", "reason": "PII, no ads"}


def test_request_bad_input_and_roles(server, product, people):
    e = err(gql(server, REQUEST, {"in": {"productId": "product:nope/none", "purpose": "x"}},
                headers=people["team-ml/dan"]))
    assert e["extensions"] == {"code": "NOT_FOUND", "field": "input.productId"}
    e = err(gql(server, REQUEST, {"in": {"productId": "dataset:x", "purpose": "x"}},
                headers=people["team-ml/dan"]))
    assert e["extensions"]["field"] == "input.productId"
    e = err(gql(server, REQUEST, {"in": {"productId": product, "purpose": ""}},
                headers=people["team-ml/dan"]))
    assert e["extensions"] == {"code": "BAD_INPUT", "field": "input.purpose"}
    e = err(gql(server, REQUEST, {"in": {"productId": product, "purpose": "x",
                                         "port": "nope"}}, headers=people["team-ml/dan"]))
    assert e["extensions"]["field"] == "input.port" and "warehouse" in e["message"]
    e = err(gql(server, REQUEST, {"in": {"productId": product, "purpose": "x"}},
                headers=people["rita"]))
    assert e["extensions"]["code"] == "FORBIDDEN"  # a reader token may not request
    e = err(gql(server, REQUEST, {"in": {"productId": product, "purpose": "x"}}))
    assert e["extensions"]["code"] == "UNAUTHENTICATED"
    e = err(gql(server, APPROVE, {"id": "request:nope"}, headers=people["stella"]))
    assert e["extensions"] == {"code": "NOT_FOUND", "field": "id"}


def test_ratings_keep_one_current_each_with_history(server, product, people):
    for who, stars in (("team-bi/carol", 2), ("team-ml/dan", 5), ("team-bi/carol", 4)):
        got = ok(gql(server, RATE, {"in": {"productId": product, "stars": stars,
                                           "comment": f"{stars} from {who}"}},
                     headers=people[who]))["rateProduct"]
        assert got["stars"] == stars and got["consumer"] == who
    p = ok(gql(server, PRODUCT, {"id": product}))["dataProduct"]
    assert p["rating"] == {"count": 2, "mean": 4.5, "distribution": [0, 0, 0, 1, 1]}
    history = sorted((r["consumer"], r["stars"], r["validTo"] is None) for r in p["ratings"])
    assert history == [("team-bi/carol", 2, False), ("team-bi/carol", 4, True),
                       ("team-ml/dan", 5, True)]
    for stars in (0, 6):
        e = err(gql(server, RATE, {"in": {"productId": product, "stars": stars}},
                    headers=people["team-ml/dan"]))
        assert e["extensions"] == {"code": "BAD_INPUT", "field": "input.stars"}
        assert "1 to 5" in e["message"]


def test_certify_and_marketplace_filters(server, product, people, uid):
    q = """mutation($in: CertificationInput!) { certifyProduct(input: $in) { note by } }"""
    e = err(gql(server, q, {"in": {"productId": product, "note": "ok"}},
                headers=people["team-ml/dan"]))
    assert e["extensions"]["code"] == "FORBIDDEN"
    e = err(gql(server, q, {"in": {"productId": product, "expiresAt": "2001-01-01T00:00:00Z"}},
                headers=people["stella"]))
    assert e["extensions"] == {"code": "BAD_INPUT", "field": "input.expiresAt"}
    got = ok(gql(server, q, {"in": {"productId": product, "note": "gold",
                                    "expiresAt": "2999-01-01T00:00:00Z"}},
                 headers=people["stella"]))["certifyProduct"]
    assert got == {"note": "gold", "by": "stella"}
    ok(gql(server, RATE, {"in": {"productId": product, "stars": 5}},
           headers=people["team-ml/dan"]))
    market = """query($f: MarketplaceFilter) { marketplace(filter: $f) {
      product { id } domainId owners rating { mean } certification { note }
      health { state } subscribers } }"""
    rows = ok(gql(server, market, {"f": {"domain": uid, "certified": True,
                                         "minRating": 4}}))["marketplace"]
    assert [r["product"]["id"] for r in rows] == [product]
    assert rows[0]["owners"] == ["team-orders"] and rows[0]["health"]["state"] == "unknown"
    assert ok(gql(server, market, {"f": {"domain": uid, "certified": False}}))[
        "marketplace"] == []
    e = err(gql(server, market, {"f": {"health": "sunny"}}))
    assert e["extensions"] == {"code": "BAD_INPUT", "field": "filter.health"}


def test_webhook_url_must_be_http(server, people):
    q = """mutation($in: TeamWebhookInput!) { setTeamWebhook(input: $in) { team url } }"""
    e = err(gql(server, q, {"in": {"team": "team-bi", "url": "ftp://x/y",
                                   "secret": "s" * 20}}, headers=people["team-bi/carol"]))
    assert e["extensions"] == {"code": "BAD_INPUT", "field": "input.url"}
    e = err(gql(server, q, {"in": {"team": "team-bi", "url": "https://x/y",
                                   "secret": "short"}}, headers=people["team-bi/carol"]))
    assert e["extensions"] == {"code": "BAD_INPUT", "field": "input.secret"}
    e = err(gql(server, q, {"in": {"team": "team-ml", "url": "https://x/y",
                                   "secret": "s" * 20}}, headers=people["team-bi/carol"]))
    assert e["extensions"] == {"code": "FORBIDDEN", "field": "input.team"}


def test_marketplace_pages_best_rated_first(server, store, people, uid):
    pids = [add_product(store, uid, name, owner="team-orders")[1]
            for name in ("alpha", "beta", "gamma", "delta")]
    ok(gql(server, RATE, {"in": {"productId": pids[2], "stars": 4}},
           headers=people["team-ml/dan"]))
    q = """query($f: MarketplaceFilter, $first: Int!, $after: ID) {
      marketplace(filter: $f, first: $first, after: $after) { product { id name }
      rating { mean } health { state } usage } }"""

    def names(first: int, after: str | None = None, **f) -> list[str]:
        rows = ok(gql(server, q, {"f": {"domain": uid, **f}, "first": first,
                                  "after": after}))["marketplace"]
        return [r["product"]["name"] for r in rows]
    assert names(10) == ["gamma", "alpha", "beta", "delta"]  # rated, then by name
    assert names(2) == ["gamma", "alpha"]
    assert names(2, after=ids.product_id(uid, "alpha")) == ["beta", "delta"]
    assert names(10, text="ALP") == ["alpha"]
    assert names(10, health="unknown") == ["gamma", "alpha", "beta", "delta"]
    e = err(gql(server, q, {"f": {"domain": uid}, "first": 0}))
    assert e["extensions"] == {"code": "BAD_INPUT", "field": "first"}
    e = err(gql(server, q, {"f": {"domain": uid}, "first": 5, "after": "product:nope/x"}))
    assert e["extensions"] == {"code": "BAD_INPUT", "field": "after"}
