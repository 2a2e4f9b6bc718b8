"""The marketplace in a real browser: browse and filter products, request access with a
consumer token, approve it from a steward's inbox, rate from the product page."""

from __future__ import annotations

from urllib.parse import quote

from playwright.sync_api import expect

from catalog.api.app import create_app
from catalog.auth import Role, TokenStore
from catalog.settings import Settings
from graph import Rel
from identity.namespaces import table_dataset
from ingestors.recipe import parse_recipe
from ingestors.runner import run_recipe
from tests.conftest import bearer
from tests.support.catalog_graph import add_product
from tests.support.databases import PG_HOST, PG_PORT, pg_database, pg_url
from tests.support.server import gql, running
from tests.support.waiting import eventually

CUSTOMERS = "product:sales/customers"


def sign_in(page, base: str, token: str) -> None:
    page.goto(base + "/")
    page.evaluate("t => localStorage.setItem('catalog.token', t)", token)


def test_browse_filter_request_approve_and_rate(catalog_data, page, ui_store):
    made = TokenStore(ui_store)
    _, consumer = made.create("team-bi/cara", Role.CONSUMER)
    _, steward = made.create("stew", Role.STEWARD)
    done = gql(catalog_data, """mutation($id: ID!) { certifyProduct(input: {productId: $id,
        note: "reviewed"}) { by } }""", {"id": CUSTOMERS}, headers=bearer(steward))
    assert "errors" not in done, done

    sign_in(page, catalog_data, consumer)
    page.goto(catalog_data + "/marketplace")
    rows = page.locator("table.market-table tbody tr")
    rows.first.wait_for()
    assert rows.count() >= 3
    assert page.locator("[data-health]").count() == rows.count()
    expect(page.locator("button.more")).to_be_hidden()  # one page holds the demo's products
    page.shots("marketplace")

    # filter: certified only
    page.locator("select[name=certified]").select_option("true")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**/marketplace?certified=true")
    names = page.locator("table.market-table tbody tr td:first-child a")
    expect(names).to_have_text(["customers"])
    page.shots("certified")

    # request access with a purpose
    row = page.locator("table.market-table tbody tr").first
    row.locator("details.request summary").click()
    row.locator("input[name=purpose]").fill("segment churn analysis")
    row.locator("input[name=team]").fill("team-bi")
    row.get_by_role("button", name="Request access").click()
    row.locator(".form-message.ok", has_text="pending").wait_for()
    page.shots("requested")

    # a steward approves it from the inbox
    sign_in(page, catalog_data, steward)
    page.goto(catalog_data + "/inbox")
    waiting = page.locator("section", has_text="Requests to decide").locator(
        "tr", has_text="segment churn analysis")
    waiting.wait_for()
    page.shots("inbox")
    waiting.get_by_role("button", name="Approve").click()
    waiting.wait_for(state="detached")
    mine = gql(catalog_data, "query($id: ID!) { accessRequests(productId: $id, status: "
               "\"approved\") { consumer purpose decidedBy } }",
               {"id": CUSTOMERS})["data"]["accessRequests"]
    assert {"consumer": "team-bi", "purpose": "segment churn analysis",
            "decidedBy": "stew"} in mine

    # the consumer rates the product on its page; the rating shows
    sign_in(page, catalog_data, consumer)
    page.goto(catalog_data + "/products/product%3Asales%2Fcustomers")
    market = page.locator("section", has_text="Marketplace")
    market.locator("select[name=stars]").select_option("4")
    market.locator("input[name=comment]").fill("good joins")
    market.get_by_role("button", name="Rate").click()
    page.locator("ul.reviews li", has_text="good joins").wait_for()
    assert "team-bi" in page.locator("section", has_text="Marketplace").first.inner_text()
    page.shots("rated")

    # the preview: harvested schema with classifications, PII samples masked; the demo has
    # no preview source, which the opened dataset says
    preview = page.locator("section", has_text="Preview")
    preview.locator("summary", has_text="shop.public.customers").click()
    email = preview.locator("table.preview-columns tr", has_text="email").first
    assert "PII.Email" in email.inner_text() and "masked (PII)" in email.inner_text()
    created = preview.locator("table.preview-columns tr", has_text="created_at").first
    assert "as is" in created.inner_text()
    preview.locator(".sample-unavailable", has_text="No preview source is configured").first \
        .wait_for()
    page.shots("preview")

    # the page views and reads were counted: the product shows among the most used
    def most_used() -> bool:
        page.goto(catalog_data + "/marketplace")
        page.locator("ol.most-used, section:has-text('Most used') p.muted").first.wait_for()
        return "customers" in page.locator("section", has_text="Most used").inner_text()
    assert eventually(most_used, 30, every_s=0.5)  # counted in memory, flushed in batches
    page.shots("most-used")


def test_the_preview_shows_live_sample_values_masked(ui_store, ui_tokens, page, tmp_path, uid):
    """A PostgreSQL table harvested, classified and put in a product; a server with its
    preview source: opening the dataset on the product page shows its rows, email masked."""
    with pg_database("e2e_preview", """CREATE TABLE members (id int PRIMARY KEY,
            email varchar(120), plan text);
            INSERT INTO members VALUES (1, 'ann.lee@mail.example.com', 'gold');""") as db:
        url = pg_url(db)
        run_recipe(parse_recipe({"source": {"type": "database", "config": {"url": url}}},
                                base_dir=tmp_path), ui_store)
        ds = table_dataset("postgres", host=PG_HOST, port=PG_PORT, database=db,
                           schema="public", table="members")
        _, product = add_product(ui_store, uid, "members")
        ui_store.upsert_edges(Rel.CONTAINS, [{"src": product, "dst": ds}], source="manual")
        settings = Settings(data_dir=tmp_path / "data", preview_sources=[{"url": url}])
        with running(create_app(settings, store=ui_store)) as base:
            done = gql(base, "mutation($id: ID!) { classifyDataset(id: $id) { columns } }",
                       {"id": ds}, headers=bearer(ui_tokens[Role.STEWARD]))
            assert "errors" not in done, done
            sign_in(page, base, ui_tokens[Role.READER])
            page.goto(f"{base}/products/{quote(product, safe='')}")
            preview = page.locator("section", has_text="Preview")
            preview.locator("summary", has_text="members").click()
            rows = preview.locator("table.sample-rows")
            rows.wait_for()
            text = rows.inner_text()
            assert "email (masked)" in text and "xxx.xxx@xxxx.xxxxxxx.xxx" in text
            assert "gold" in text and "ann.lee" not in text
            page.shots("live-sample")

            # the dataset's own page reads them too, once opened
            page.goto(f"{base}/datasets/{quote(ds, safe='')}")
            page.locator("details.dataset-sample summary").click()
            rows = page.locator("details.dataset-sample table.sample-rows")
            rows.wait_for()
            assert "xxx.xxx@xxxx.xxxxxxx.xxx" in rows.inner_text()
