"""Usage counting over HTTP: product reads through GraphQL and page views are counted in the
worker's memory and flushed in batches to per-day counters; most used and trending follow."""

from __future__ import annotations

import pytest

from catalog.api.app import create_app
from catalog.settings import Settings
from tests.support.catalog_graph import add_dataset, add_product
from tests.support.server import gql, running
from tests.support.waiting import eventually


@pytest.fixture(scope="module")
def app_url(store, tmp_path_factory):
    settings = Settings(data_dir=tmp_path_factory.mktemp("usage-data"), usage_flush_s=0.2)
    with running(create_app(settings, store=store)) as base:
        yield base


def used(base: str, pid: str, field: str = "mostUsedProducts") -> float:
    rows = gql(base, f"{{ {field}(first: 500) {{ productId score }} }}")["data"][field]
    return next((r["score"] for r in rows if r["productId"] == pid), 0)


def test_reads_and_views_are_counted_in_batches(app_url, store, uid):
    _, busy = add_product(store, uid, "busy")
    _, quiet = add_product(store, uid, "quiet")
    page = add_dataset(store, uid, "quiet.table", [("id", "int")], product=quiet)
    for _ in range(7):
        assert "errors" not in gql(app_url, "query($id: ID!) { dataProduct(id: $id) { id } }",
                                   {"id": busy})
    for _ in range(3):
        assert gql(app_url, "mutation($id: ID!) { recordView(id: $id) }",
                   {"id": busy})["data"]["recordView"] is True
    gql(app_url, "mutation($id: ID!) { recordView(id: $id) }", {"id": quiet})
    gql(app_url, "mutation($id: ID!) { recordView(id: $id) }", {"id": page})  # its dataset
    assert eventually(lambda: used(app_url, busy) == 10 and used(app_url, quiet) == 2, 30)
    ranked = [r["productId"] for r in gql(app_url, "{ mostUsedProducts(first: 500) "
                                          "{ productId } }")["data"]["mostUsedProducts"]]
    assert ranked.index(busy) < ranked.index(quiet)
    assert used(app_url, busy, "trendingProducts") > used(app_url, quiet, "trendingProducts")
    market = gql(app_url, "query($d: ID!) { marketplace(filter: {domain: $d}) "
                 "{ product { id } usage } }", {"d": uid})["data"]["marketplace"]
    assert {m["product"]["id"]: m["usage"] for m in market} == {busy: 10, quiet: 2}


def test_bad_view_ids_are_refused_by_field(app_url):
    e = gql(app_url, "mutation { recordView(id: \"nonsense\") }")["errors"][0]
    assert e["extensions"] == {"code": "BAD_INPUT", "field": "id"}
    e = gql(app_url, "{ mostUsedProducts(days: 0) { productId } }")["errors"][0]
    assert e["extensions"] == {"code": "BAD_INPUT", "field": "days"}
