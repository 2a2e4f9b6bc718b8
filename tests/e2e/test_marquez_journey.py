"""A data consumer's journey over the Marquez seed, in a real browser: search with a typo,
the dataset page with its classified email column, the lineage graph downstream, and a
steward's reject that sticks after a reload."""

from __future__ import annotations

from urllib.parse import quote

from playwright.sync_api import expect

from catalog.auth import Role
from identity import ids
from tests.conftest import bearer
from tests.support.server import gql

CUSTOMERS = ids.dataset_id("food_delivery", "public.customers")
DELIVERY = ids.dataset_id("food_delivery", "public.delivery_7_days")
EMAIL = ids.column_id(CUSTOMERS, "email")
PHONE = ids.column_id(CUSTOMERS, "phone")


def url(base: str, kind: str, node_id: str, query: str = "") -> str:
    return f"{base}/{kind}/{quote(node_id, safe='')}{query}"


def test_search_with_a_typo_finds_the_customers_table(catalog_data, page):
    page.goto(catalog_data + "/")
    box = page.get_by_role("combobox", name="Search the catalog")
    box.fill("custo")  # autocomplete completes what is typed
    suggestion = page.get_by_role("option", name="dataset public.customers", exact=True)
    suggestion.wait_for()
    page.shots("autocomplete")
    box.fill("custmers")  # typo: a missing 'o'
    box.press("Enter")
    page.wait_for_url("**/search?q=custmers")
    hits = page.locator("li.hit")
    hits.first.wait_for()
    page.shots("results")
    top3 = [hits.nth(i).get_attribute("data-id") for i in range(min(3, hits.count()))]
    assert CUSTOMERS in top3, top3
    # facets narrow the results: only datasets, then only those with an email column
    page.locator('fieldset[data-facet="kind"] label', has_text="dataset").click()
    page.wait_for_url("**kind=DATASET**")
    # the page re-renders: wait for the filtered list, not for a hit of the old one
    expect(page.locator('li.hit:not([data-kind="DATASET"])')).to_have_count(0)
    page.locator('li.hit[data-kind="DATASET"]').first.wait_for()
    page.locator(".active-filters .badge", has_text="Kind: dataset").wait_for()  # re-rendered
    assert set(page.locator("li.hit").evaluate_all("els => els.map(e => e.dataset.kind)")) \
        == {"DATASET"}
    page.locator('fieldset[data-facet="classification"] label', has_text="PII.Email").click()
    page.wait_for_url("**classification=**")
    page.locator(".active-filters .badge", has_text="PII.Email").wait_for()
    found = page.locator("li.hit").evaluate_all("els => els.map(e => e.dataset.id)")
    assert CUSTOMERS in found, found
    assert DELIVERY in found, found
    assert ids.dataset_id("food_delivery", "public.menus") not in found
    page.shots("filtered")
    page.locator(f'li.hit[data-id="{CUSTOMERS}"] .hit-title a').click()
    page.wait_for_url(url(catalog_data, "datasets", CUSTOMERS))
    title = page.locator(f'article.dataset[data-id="{CUSTOMERS}"] h1')
    title.wait_for()
    assert title.inner_text().startswith("public.customers")


def test_dataset_page_shows_the_email_column_classified(catalog_data, page):
    page.goto(url(catalog_data, "datasets", CUSTOMERS))
    row = page.locator('table.schema tr[data-column="email"]')
    chip = row.locator('.chip[data-classification="PII.Email"]')
    chip.wait_for()
    page.shots("dataset")
    assert chip.get_attribute("data-status") == "accepted"  # by its name, at 0.8 or more
    assert row.locator(".badge.pii").count() == 1
    assert row.locator("code").inner_text() == "VARCHAR"  # the seed's schema facet
    # the rest of the page: product-less Marquez table, its job's runs, no reject buttons
    # for an anonymous reader
    assert page.locator("table.runs tbody tr").count() >= 1
    assert "etl_customers" in page.locator("table.runs").inner_text()
    assert page.locator("button.mini.reject").count() == 0


def test_lineage_graph_shows_delivery_7_days_downstream(catalog_data, page):
    page.goto(url(catalog_data, "datasets", CUSTOMERS))
    page.get_by_role("link", name="Lineage graph").click()
    graph = page.locator('#lineage-graph[data-ready="true"]')
    graph.wait_for()
    page.shots("lineage")
    node = page.evaluate("""id => {
        const cy = document.getElementById('lineage-graph').cy;
        const n = cy.getElementById(id);
        if (!n.length) return null;
        const bb = n.renderedBoundingBox(), w = cy.width(), h = cy.height();
        return {visible: n.visible(), label: n.data('label'), classes: n.classes(),
                inView: bb.x2 > 0 && bb.y2 > 0 && bb.x1 < w && bb.y1 < h};
    }""", DELIVERY)
    assert node is not None, "delivery_7_days is not in the graph"
    assert node["visible"] and node["inView"], node
    assert node["label"].startswith("public.delivery_7_days")
    assert "side-downstream" in node["classes"]
    row = page.locator(f'.node-list tr[data-id="{DELIVERY}"]')
    assert row.get_attribute("data-side") == "DOWNSTREAM"
    # clicking the node tells what it is
    page.evaluate("id => { document.getElementById('lineage-graph').cy.getElementById(id)"
                  ".emit('tap'); }", DELIVERY)
    page.locator(".graph-panel h2", has_text="public.delivery_7_days").wait_for()
    page.shots("selected")


def test_a_stewards_reject_sticks_after_reload(catalog_data, page, ui_tokens):
    page.goto(url(catalog_data, "datasets", CUSTOMERS))
    page.locator("#token-button").click()
    page.locator("#token-input").fill(ui_tokens[Role.STEWARD])
    page.locator("#token-save").click()
    page.locator('#token-button[data-role="steward"]').wait_for()
    chip = page.locator('tr[data-column="phone"] .chip[data-classification="PII.Phone"]')
    chip.wait_for()
    assert chip.get_attribute("data-status") != "rejected"
    page.shots("before-reject")
    chip.get_by_role("button", name="reject PII.Phone").click()
    page.locator('tr[data-column="phone"] .chip[data-status="rejected"]').wait_for()
    page.reload()
    rejected = page.locator('tr[data-column="phone"] .chip[data-classification="PII.Phone"]')
    rejected.wait_for()
    assert rejected.get_attribute("data-status") == "rejected"
    assert page.locator('#token-button[data-role="steward"]').count() == 1  # kept
    page.shots("after-reload")
    # the graph says so too, with the steward's name on the decision
    col = gql(catalog_data, """query($id: ID!) { column(id: $id) { classifications {
        classification { name } status decidedBy } } }""", {"id": PHONE},
              headers=bearer(ui_tokens[Role.READER]))["data"]["column"]
    decision = next(a for a in col["classifications"]
                    if a["classification"]["name"] == "PII.Phone")
    assert decision == {"classification": {"name": "PII.Phone"}, "status": "rejected",
                        "decidedBy": "e2e-steward"}
