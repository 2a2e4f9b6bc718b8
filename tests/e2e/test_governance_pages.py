"""The governance page of a domain (policies, open findings with layer and fix, trend) and
the audit log for admins, in a real browser."""

from __future__ import annotations

import yaml

from catalog.auth import Role
from catalog.governance.service import GovernanceService
from tests.conftest import bearer
from tests.support.server import gql


def test_domain_governance_page_shows_policies_findings_and_trend(catalog_data, ui_store,
                                                                  ui_tokens, page):
    policy = yaml.safe_dump({"id": "sales-products-tagged", "description": "tagged",
                             "severity": "warning", "subject": "product",
                             "require": "size(tags) > 100",
                             "remedy": {"hint": "tag it", "mutation": "addTag",
                                        "arguments": {"subjectId": "id"}}})
    got = gql(catalog_data, """mutation($p: String!) { setDomainPolicy(domain: "sales",
        policy: $p) { key } }""", {"p": policy}, headers=bearer(ui_tokens[Role.ADMIN]))
    assert "errors" not in got, got
    svc = GovernanceService(ui_store)
    svc.evaluate("e2e")
    svc.evaluate("e2e")  # two points of trend
    page.goto(catalog_data + "/domains/domain%3Asales")
    page.locator("h1", has_text="sales").wait_for()
    page.locator('main a[href="/governance/domain%3Asales"]').click()
    page.wait_for_url("**/governance/domain%3Asales")
    page.locator("table.findings").wait_for()
    page.shots("governance")
    policies = page.locator("table.policies tbody").inner_text()
    assert "sales-products-tagged" in policies and "domain" in policies
    assert "pii-products-owned-and-retained" in policies and "global" in policies
    findings = page.locator("table.findings tbody tr", has_text="sales-products-tagged")
    assert findings.count() >= 1
    assert "addTag(subjectId:" in findings.first.inner_text()
    assert page.locator(".trend .trend-bar").count() >= 2


def test_audit_log_page_is_for_admins(catalog_data, ui_tokens, page):
    page.allow_console_errors = True  # the reader's refusal is logged by the browser
    page.goto(catalog_data + "/audit")
    page.locator("#token-button").click()
    page.locator("#token-input").fill(ui_tokens[Role.READER])
    page.locator("#token-save").click()
    page.locator(".card.error", has_text="Your token may not do this").wait_for()
    page.locator("#token-button").click()
    page.locator("#token-input").fill(ui_tokens[Role.ADMIN])
    page.locator("#token-save").click()
    page.locator("table.audit-log").wait_for()
    page.shots("audit-log")
    text = page.locator("table.audit-log tbody").inner_text()
    assert "classifyDatasets" in text and "e2e-steward" in text


def test_a_steward_applies_a_remedy_from_the_page(catalog_data, ui_store, ui_tokens, page):
    policy = yaml.safe_dump({"id": "marketing-governed", "description": "governed",
                             "severity": "warning", "subject": "product",
                             "require": "'governed' in tags",
                             "remedy": {"hint": "tag it governed", "mutation": "addTag",
                                        "arguments": {"subjectId": "id"}}})
    got = gql(catalog_data, """mutation($p: String!) { setDomainPolicy(domain: "marketing",
        policy: $p) { key } }""", {"p": policy}, headers=bearer(ui_tokens[Role.ADMIN]))
    assert "errors" not in got, got
    GovernanceService(ui_store).evaluate("e2e")
    page.goto(catalog_data + "/governance/domain%3Amarketing")
    page.locator("#token-button").click()
    page.locator("#token-input").fill(ui_tokens[Role.STEWARD])
    page.locator("#token-save").click()
    page.locator('#token-button[data-role="steward"]').wait_for()
    rows = page.locator("table.findings tbody tr", has_text="marketing-governed")
    rows.first.wait_for()
    before = rows.count()
    subject = rows.first.locator("a").first.inner_text()
    page.once("dialog", lambda d: d.accept("governed"))
    rows.first.locator("button.fix").click()
    page.locator("table.fixed tbody tr", has_text=subject).wait_for()
    page.shots("fixed")
    assert rows.count() == before - 1
