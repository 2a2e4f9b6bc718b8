"""The marketplace in a real browser: browse and filter products, request access with a
consumer token, approve it from a steward's inbox, rate from the product page."""

from __future__ import annotations

from playwright.sync_api import expect

from catalog.auth import Role, TokenStore
from tests.conftest import bearer
from tests.support.server import gql
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

    # the preview: harvested schema with classifications, PII samples masked, none stored
    preview = page.locator("section", has_text="Preview")
    preview.locator("summary", has_text="shop.public.customers").click()
    email = preview.locator("table.preview-columns tr", has_text="email").first
    assert "PII.Email" in email.inner_text() and "masked (PII)" in email.inner_text()
    created = preview.locator("table.preview-columns tr", has_text="created_at").first
    assert "not stored" in created.inner_text()
    page.shots("preview")

    # the page views and reads were counted: the product shows among the most used
    def most_used() -> bool:
        page.goto(catalog_data + "/marketplace")
        page.locator("ol.most-used, section:has-text('Most used') p.muted").first.wait_for()
        return "customers" in page.locator("section", has_text="Most used").inner_text()
    assert eventually(most_used, 30, every_s=0.5)  # counted in memory, flushed in batches
    page.shots("most-used")
