"""Data product, domain and impact pages, and the token control, in a real browser."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import httpx

from catalog.api.app import create_app
from catalog.auth import Role, TokenStore
from catalog.settings import Settings
from identity import ids
from tests.support.server import running

CUSTOMERS = ids.dataset_id("food_delivery", "public.customers")
DELIVERY = ids.dataset_id("food_delivery", "public.delivery_7_days")


def page_url(base: str, kind: str, node_id: str) -> str:
    return f"{base}/{kind}/{quote(node_id, safe='')}"


def test_data_product_page_shows_contents_owners_sla_and_neighbour_products(catalog_data, page):
    page.goto(catalog_data + "/")
    page.get_by_role("link", name="customers", exact=True).first.click()
    page.wait_for_url("**/products/product%3Asales%2Fcustomers")
    page.locator("h1", has_text="customers").wait_for()
    page.shots("product")
    text = page.locator("main").inner_text()
    assert "shop.public.customers" in text and "analytics.sales.dim_customers" in text
    assert "team-sales" in text and "freshness" in text and "24h" in text
    down = page.locator("section", has_text="Downstream data products")
    assert {"audiences", "revenue"} <= set(down.locator("tbody a").all_inner_texts())
    page.locator("nav.crumbs a", has_text="sales").click()
    page.wait_for_url("**/domains/domain%3Asales")
    page.locator("h1", has_text="sales").wait_for()
    page.shots("domain")
    products = page.locator("section", has_text="Data products").locator("tbody a")
    assert {"customers", "orders"} <= set(products.all_inner_texts())
    downstream = page.locator("section", has_text="Downstream domains").locator("tbody a")
    assert {"finance", "marketing"} <= set(downstream.all_inner_texts())


def test_impact_view_groups_and_exports_the_same_csv_as_the_api(catalog_data, page):
    page.goto(page_url(catalog_data, "impact", CUSTOMERS))
    page.locator("table.impact-datasets").wait_for()
    page.shots("impact")
    rows = page.locator("table.impact-datasets tbody tr")
    assert "public.delivery_7_days" in rows.all_inner_texts()[0]
    with page.expect_download() as download:
        page.locator("#export-csv").click()
    exported = Path(download.value.path()).read_text(encoding="utf-8")
    assert download.value.suggested_filename == "impact-public.customers.csv"
    api = httpx.get(f"{catalog_data}/api/v1/impact", params={"id": CUSTOMERS, "format": "csv"})
    assert exported == api.text
    assert DELIVERY in exported and ids.column_id(DELIVERY, "customer_email") in exported


def test_impact_view_pages_its_datasets_and_shows_more_on_demand(catalog_data, page):
    whole = httpx.get(f"{catalog_data}/api/v1/impact", params={"id": CUSTOMERS}).json()
    names = [d["name"] or d["id"] for d in whole["datasets"]]
    assert len(names) >= 3, "the seed must reach enough datasets to need pages of two"
    page.goto(page_url(catalog_data, "impact", CUSTOMERS) + "?first=2")
    rows = page.locator("table.impact-datasets tbody tr")
    rows.first.wait_for()
    assert rows.count() == 2
    assert page.locator("#impact-shown").inner_text() == f"2 of {len(names)} shown"
    more = page.locator("#impact-more")
    while more.is_visible():
        shown = rows.count()
        more.click()
        page.wait_for_function(
            f"document.querySelectorAll('table.impact-datasets tbody tr').length > {shown}")
    # the pages joined are the whole list, in its order, each dataset once
    assert [r.locator("td").first.inner_text() for r in rows.all()] == names
    assert page.locator("#impact-shown").inner_text() == f"{len(names)} of {len(names)} shown"


def test_token_control_checks_the_token_and_shows_the_role(catalog_data, page, ui_tokens):
    page.allow_console_errors = True  # the refused token is a 401 the browser logs
    page.goto(page_url(catalog_data, "datasets", CUSTOMERS))
    page.locator("#token-button").click()
    page.locator("#token-input").fill("not-a-token")
    page.locator("#token-save").click()
    message = page.locator(".token-message.error")
    message.wait_for()
    assert "does not know this token" in message.inner_text()
    page.shots("bad-token")
    page.locator("#token-input").fill(ui_tokens[Role.READER])
    page.locator("#token-save").click()
    page.locator('#token-button[data-role="reader"]').wait_for()
    assert page.locator("button.mini.reject").count() == 0  # a reader decides nothing
    page.locator("#token-button").click()
    page.locator("#token-clear").click()
    page.locator("#token-button", has_text="Sign in with a token").wait_for()
    assert page.evaluate("localStorage.getItem('catalog.token')") is None


def test_a_server_that_needs_tokens_for_reads_asks_for_one(ui_store, catalog_data, page,
                                                           tmp_path):
    page.allow_console_errors = True  # the first attempt is a 401 the browser logs
    settings = Settings(data_dir=tmp_path, auth_reads=True)
    _, token = TokenStore(ui_store).create("reader", Role.READER)
    with running(create_app(settings, store=ui_store)) as base:
        page.goto(page_url(base, "datasets", CUSTOMERS))
        ask = page.get_by_role("button", name="Paste an API token")
        ask.wait_for()
        page.shots("needs-token")
        assert page.locator("table.schema").count() == 0  # no data without the token
        assert page.evaluate("localStorage.getItem('catalog.token')") is None
        ask.click()
        page.locator("#token-input").fill(token)
        page.locator("#token-save").click()
        email = page.locator('table.schema tr[data-column="email"]')
        email.wait_for()
        page.shots("with-token")
        assert page.evaluate("localStorage.getItem('catalog.token')") == token
        assert email.locator("code").inner_text() == "VARCHAR"
        assert page.locator('#token-button[data-role="reader"]').count() == 1
        assert page.get_by_role("button", name="Paste an API token").count() == 0


def test_dataset_page_shows_quality_checks_and_recent_runs(catalog_data, page):
    page.goto(page_url(catalog_data, "datasets", DELIVERY))
    quality = page.locator("section", has_text="Quality").locator("table.quality")
    quality.wait_for()
    page.shots("quality")
    status = page.locator("section", has_text="Quality").locator(".badge.status-bad").first
    assert status.inner_text() == "failing"  # the seed's not_null on driver_id failed
    failed = quality.locator("tr", has_text="driver_id")
    assert "not_null" in failed.inner_text() and failed.locator(".status-bad").count() == 1
    runs = page.locator("table.runs")
    assert "etl_delivery_7_days" in runs.inner_text() and "COMPLETE" in runs.inner_text()
