"""Per-domain stewards over HTTP: named by a product manifest (`domain_stewards`) or by an
admin (`setDomainStewards`); a domain steward's token (a consumer, not a global steward)
sees the domain's requests in its inbox, approves them and ends subscriptions, and is
refused (naming the request) for another domain's products."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from catalog.auth import Role, TokenStore
from identity import ids
from ingestors.recipe import parse_recipe
from ingestors.runner import run_recipe
from tests.conftest import bearer
from tests.support.catalog_graph import add_product
from tests.support.server import err, gql, ok

STEWARDS = """mutation($d: ID!, $s: [String!]!) { setDomainStewards(domainId: $d, stewards: $s) {
  id owners { name role } } }"""
REQUEST = """mutation($p: ID!) { requestAccess(input: {productId: $p, purpose: "reports",
  team: "team-bi"}) { id status } }"""
APPROVE = "mutation($id: ID!) { approveAccessRequest(id: $id) { id status decidedBy } }"
END = "mutation($id: ID!) { endSubscription(id: $id) { id status } }"
INBOX = "{ requestInbox { id productId } }"


@pytest.fixture
def world(store, uid):
    """Two domains with a product each; tokens of a requester, a would-be domain steward
    (a consumer), a global steward and an admin."""
    sales, orders = add_product(store, f"{uid}-sales", "orders", owner=f"team-orders-{uid}")
    hr, people = add_product(store, f"{uid}-hr", "people", owner=f"team-people-{uid}")
    made = TokenStore(store)
    tokens = {name: bearer(made.create(name, role)[1]) for name, role in (
        (f"team-bi-{uid}/carol", Role.CONSUMER), (f"team-gov-{uid}/sam", Role.CONSUMER),
        (f"stella-{uid}", Role.STEWARD), (f"root-{uid}", Role.ADMIN))}
    return {"sales": sales, "orders": orders, "hr": hr, "people": people, "uid": uid,
            "carol": tokens[f"team-bi-{uid}/carol"], "sam": tokens[f"team-gov-{uid}/sam"],
            "stella": tokens[f"stella-{uid}"], "root": tokens[f"root-{uid}"]}


def test_a_domain_steward_decides_for_its_domain_only(server, world):
    w, gov = world, f"team-gov-{world['uid']}"
    # only an admin names stewards (a global steward may not)
    e = err(gql(server, STEWARDS, {"d": w["sales"], "s": [gov]}, headers=w["stella"]))
    assert e["extensions"]["code"] == "FORBIDDEN"
    dom = ok(gql(server, STEWARDS, {"d": w["sales"], "s": [gov, "ada@example.com"]},
                 headers=w["root"]))["setDomainStewards"]
    assert {(o["name"], o["role"]) for o in dom["owners"]} == {
        (gov, "steward"), ("ada@example.com", "steward")}

    mine = ok(gql(server, REQUEST, {"p": w["orders"]}, headers=w["carol"]))["requestAccess"]
    other = ok(gql(server, REQUEST, {"p": w["people"]}, headers=w["carol"]))["requestAccess"]
    inbox = {r["id"] for r in ok(gql(server, INBOX, headers=w["sam"]))["requestInbox"]}
    assert mine["id"] in inbox and other["id"] not in inbox

    done = ok(gql(server, APPROVE, {"id": mine["id"]}, headers=w["sam"]))["approveAccessRequest"]
    assert done["status"] == "approved" and done["decidedBy"] == f"{gov}/sam"
    e = err(gql(server, APPROVE, {"id": other["id"]}, headers=w["sam"]))
    assert e["extensions"]["code"] == "FORBIDDEN" and e["extensions"]["field"] == "id"
    assert "steward of its domain" in e["message"]
    e = err(gql(server, END, {"id": other["id"]}, headers=w["sam"]))
    assert e["extensions"]["code"] == "FORBIDDEN" and e["extensions"]["field"] == "id"
    assert ok(gql(server, END, {"id": mine["id"]}, headers=w["sam"]))["endSubscription"][
        "status"] == "ended"

    # replaced: the steward no longer decides
    ok(gql(server, STEWARDS, {"d": w["sales"], "s": ["ada@example.com"]}, headers=w["root"]))
    again = ok(gql(server, REQUEST, {"p": w["orders"]}, headers=w["carol"]))["requestAccess"]
    assert again["id"] not in {r["id"] for r in ok(gql(server, INBOX, headers=w["sam"]))[
        "requestInbox"]}
    e = err(gql(server, APPROVE, {"id": again["id"]}, headers=w["sam"]))
    assert e["extensions"]["code"] == "FORBIDDEN"


def test_set_domain_stewards_names_bad_arguments(server, world):
    e = err(gql(server, STEWARDS, {"d": world["orders"], "s": ["x"]}, headers=world["root"]))
    assert e["extensions"]["code"] == "BAD_INPUT" and e["extensions"]["field"] == "domainId"
    e = err(gql(server, STEWARDS, {"d": world["sales"], "s": ["ok", "  "]},
                headers=world["root"]))
    assert e["extensions"]["code"] == "BAD_INPUT" and e["extensions"]["field"] == "stewards[1]"
    e = err(gql(server, STEWARDS, {"d": ids.domain_id(f"none-{world['uid']}"), "s": []},
                headers=world["root"]))
    assert e["extensions"]["code"] == "NOT_FOUND"


def test_a_manifest_names_its_domains_stewards(server, store, world, tmp_path: Path):
    uid = world["uid"]
    (tmp_path / "p.yaml").write_text(yaml.safe_dump({
        "name": "invoices", "domain": f"{uid}-finance", "owner": f"team-fin-{uid}",
        "version": "1.0.0", "domain_stewards": [f"team-gov-{uid}"]}))
    run_recipe(parse_recipe({"source": {"type": "data-product", "config": {
        "paths": ["p.yaml"]}}}, base_dir=tmp_path), store)
    product = ids.product_id(f"{uid}-finance", "invoices")
    req = ok(gql(server, REQUEST, {"p": product}, headers=world["carol"]))["requestAccess"]
    assert req["id"] in {r["id"] for r in ok(gql(server, INBOX, headers=world["sam"]))[
        "requestInbox"]}
    done = ok(gql(server, APPROVE, {"id": req["id"]}, headers=world["sam"]))
    assert done["approveAccessRequest"]["status"] == "approved"
