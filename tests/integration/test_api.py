"""The real app over HTTP on the embedded engine: health, GraphQL entities, errors."""

from __future__ import annotations

import httpx
import pytest

from catalog.demo import PG, load_demo
from identity import ids
from tests.support.engines import ENGINE
from tests.support.server import gql

CUSTOMERS = ids.dataset_id(PG, "shop.public.customers")


@pytest.fixture(scope="module", autouse=True)
def demo(store):
    load_demo(store)


def test_health_and_readiness(server):
    assert httpx.get(f"{server}/healthz").json()["status"] == "ok"
    r = httpx.get(f"{server}/readyz")
    assert r.status_code == 200 and r.json()["engine"] == ENGINE


def test_dataset_with_columns_owners_tags_and_classifications(server):
    q = """query($id: ID!) { dataset(id: $id) { id name platform kind
        columns { name ordinal type classifications { classification { name } status score } }
        tags { name } dataProduct { name owners { name role } domain { name } } } }"""
    data = gql(server, q, {"id": CUSTOMERS})
    assert "errors" not in data, data
    ds = data["data"]["dataset"]
    assert ds["name"] == "shop.public.customers" and ds["platform"] == "postgres"
    assert [c["name"] for c in ds["columns"]][:3] == ["id", "email", "full_name"]
    email = next(c for c in ds["columns"] if c["name"] == "email")
    assert email["classifications"][0]["classification"]["name"] == "PII.Email"
    assert email["classifications"][0]["status"] == "accepted"
    assert ds["tags"] == [{"name": "pii"}]
    assert ds["dataProduct"]["domain"]["name"] == "sales"
    assert ds["dataProduct"]["owners"] == [{"name": "team-sales", "role": "owner"}]


def test_datasets_connection_pages_without_overlap(server):
    q = """query($after: String) { datasets(first: 3, after: $after,
             filter: {namespace: "snowflake://acme.eu-west-1"}) {
        totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }"""
    seen, after = [], None
    while True:
        page = gql(server, q, {"after": after})["data"]["datasets"]
        seen += [e["node"]["id"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert page["totalCount"] == 5 == len(seen) == len(set(seen))


def test_domains_products_and_node_interface(server):
    data = gql(server, """{ domains { name dataProducts { name datasets { name } } }
        node(id: "domain:finance") { __typename ... on Domain { description } } }""")["data"]
    names = {d["name"] for d in data["domains"]}
    assert {"sales", "finance", "marketing"} <= names
    assert data["node"] == {"__typename": "Domain", "description": "Revenue and invoicing"}


def test_unknown_id_is_an_error_with_a_code(server):
    data = gql(server, '{ dataset(id: "dataset:nowhere:x.y") { id } }')
    assert data["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert "dataset:nowhere:x.y" in data["errors"][0]["message"]


def test_malformed_id_is_bad_input_naming_the_field(server):
    data = gql(server, '{ node(id: "table:orders") { id } }')
    err = data["errors"][0]
    assert err["extensions"]["code"] == "BAD_INPUT" and err["extensions"]["field"] == "id"
    data = gql(server, '{ dataset(id: "domain:sales") { id } }')
    assert "not a Dataset id" in data["errors"][0]["message"]


def test_page_size_is_capped(server):
    data = gql(server, "{ datasets(first: 1000) { totalCount } }")
    assert data["errors"][0]["extensions"]["field"] == "first"


def test_nested_fields_are_batched_per_level(server, store, monkeypatch):
    """Columns and their classifications for many datasets: one store call per field."""
    calls: list[str] = []
    real = store.neighbours

    def counting(ids_, rel, direction=None, **kw):
        calls.append(rel.value)
        return real(ids_, rel, direction, **kw) if direction else real(ids_, rel, **kw)

    monkeypatch.setattr(store, "neighbours", counting)
    data = gql(server, """{ datasets(first: 8, filter: {namespace: "snowflake://acme.eu-west-1"})
        { edges { node { name columns { name classifications { status } tags { name } }
        owners { name } } } } }""")
    assert "errors" not in data
    assert len(data["data"]["datasets"]["edges"]) == 5
    assert sorted(calls) == sorted(["HAS_COLUMN", "CLASSIFIED_AS", "TAGGED", "OWNED_BY"])


def test_graphiql_is_served_on_get(server):
    r = httpx.get(f"{server}/graphql", headers={"accept": "text/html"})
    assert r.status_code == 200 and "graphiql" in r.text.lower()
