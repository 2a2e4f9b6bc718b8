"""Governance policies over a real graph: complianceReport over HTTP, `catalog check`."""

from __future__ import annotations

import json

import pytest

from catalog.cli import main
from catalog.governance.service import GovernanceService
from catalog.stewardship import ClassificationItem, StewardshipService
from graph.props import json_prop
from identity import ids
from tests.support.catalog_graph import add_dataset, add_product
from tests.support.server import gql

REPORT = """query($d: ID) { complianceReport(domain: $d) { domain compliant
  policies { id severity rule checked violations { subjectId } }
  violations { policy severity subjectId subjectKind message } } }"""


@pytest.fixture
def mesh(store, uid):
    """A domain with a PII product lacking owner and retention, a compliant PII product,
    a product whose contract drifted, and naming slips."""
    s = store
    _, bare = add_product(s, uid, "customers")
    _, good = add_product(s, uid, "orders", owner=f"{uid}-team", retention="P2Y")
    _, drift = add_product(s, uid, "billing", owner=f"{uid}-team", contract_status="fail",
                           contract_violations=json_prop([
                               {"dataset": "x", "kind": "missing_column", "severity": "error",
                                "column": "iban"},
                               {"dataset": "x", "kind": "type", "severity": "error",
                                "column": "amount", "expected": "numeric",
                                "actual": "varchar"}]))
    cust = add_dataset(s, uid, "crm.customers", [("email", "varchar"), ("id", "integer")],
                       product=bare)
    orders = add_dataset(s, uid, "crm.orders", [("buyer_email", "varchar")], product=good)
    bills = add_dataset(s, uid, "crm.BillingRuns", [("RunId", "integer")], product=drift)
    steward = StewardshipService(s, propagate=False)
    steward.decide([ClassificationItem(ids.column_id(cust, "email"), "PII.Email"),
                    ClassificationItem(ids.column_id(orders, "buyer_email"), "PII.Email")],
                   "accepted", "gov")
    GovernanceService(s).evaluate("test")  # what the server's watcher does after writes
    return {"bare": bare, "good": good, "drift": drift, "cust": cust, "orders": orders,
            "bills": bills}


def by_policy(report):
    out = {}
    for v in report["violations"]:
        out.setdefault(v["policy"], []).append(v)
    return out


def test_compliance_report_lists_each_policy_and_violation(server, mesh, uid):
    data = gql(server, REPORT, {"d": uid})
    assert "errors" not in data, data
    report = data["data"]["complianceReport"]
    assert report["domain"] == f"domain:{uid}" and report["compliant"] is False
    found = by_policy(report)
    pii = found["pii-products-owned-and-retained"]
    assert {v["subjectId"] for v in pii} == {mesh["bare"]}
    assert sorted("owner" in v["message"] for v in pii) == [False, True]
    assert any("retention" in v["message"] for v in pii)
    contract = found["contracts-match-schemas"]
    assert [v["subjectId"] for v in contract] == [mesh["drift"]]
    assert "missing_column iban" in contract[0]["message"]
    assert "type amount (contract numeric, harvested varchar)" in contract[0]["message"]
    owners = found["datasets-have-owners"]
    assert [v["subjectId"] for v in owners] == [mesh["cust"]]
    assert {v["subjectId"] for v in found["dataset-names-snake-case"]} == {mesh["bills"]}
    assert {v["subjectId"] for v in found["column-names-snake-case"]} == {
        ids.column_id(mesh["bills"], "RunId")}
    assert all(v["severity"] == "warning" for v in found["column-names-snake-case"])
    checked = {p["id"]: p["checked"] for p in report["policies"]}
    assert checked["pii-products-owned-and-retained"] == 2  # the two holding PII
    assert checked["datasets-have-owners"] == 3


def test_fixing_the_graph_makes_the_domain_compliant(server, mesh, store, uid):
    from catalog.stewardship import OwnerItem

    steward = StewardshipService(store)
    steward.set_owners([OwnerItem(mesh["bare"], "crm-team")], "gov")
    store.upsert_data_products([{"id": mesh["bare"], "retention": "P1Y"},
                                         {"id": mesh["drift"], "contract_status": "pass"}],
                                        source="manual")
    GovernanceService(store).evaluate("test")
    report = gql(server, REPORT, {"d": uid})["data"]["complianceReport"]
    assert report["compliant"] is True  # naming warnings remain, errors are gone
    assert {v["severity"] for v in report["violations"]} == {"warning"}


def test_unknown_domain_is_not_found(server):
    err = gql(server, REPORT, {"d": "no-such-domain-xyz"})["errors"][0]
    assert err["extensions"]["code"] == "NOT_FOUND"


def test_catalog_check_exits_non_zero_on_violations(cli_env, mesh, uid, capsys, tmp_path):
    assert main(["check", "--domain", uid]) == 1
    out = capsys.readouterr().out
    assert "[FAIL] pii-products-owned-and-retained" in out and "NOT compliant" in out
    assert main(["check", "--domain", uid, "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["compliant"] is False and report["violations"]
    naming_only = tmp_path / "naming.yaml"
    naming_only.write_text("""policies:
  - id: tables
    description: Tables are snake_case
    severity: warning
    subject: dataset
    require: table.matches('^[a-z_]+$')
""")
    assert main(["check", "--domain", uid, "--policies", str(naming_only)]) == 0
    assert main(["check", "--domain", uid, "--policies", str(naming_only), "--strict"]) == 1


def test_catalog_check_refuses_a_bad_policy_file(cli_env, tmp_path, capsys):
    """The bad policies are named with file and line; the good one still runs."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("policies:\n"
                   "  - id: x\n    description: y\n    subject: dataset\n"
                   "    require: size(ownrs) > 0\n"
                   "  - id: good\n    description: z\n    subject: dataset\n"
                   "    require: 'true'\n"
                   "  - id: y\n    description: y\n    subject: dataset\n"
                   "    require: size(owners) >\n")
    assert main(["check", "--policies", str(bad)]) == 2
    captured = capsys.readouterr()
    assert f"{bad}:2: policy 'x'" in captured.err and "unknown variable 'ownrs'" in captured.err
    assert f"{bad}:10: policy 'y'" in captured.err and "does not parse" in captured.err
    assert "[ok  ] good" in captured.out


NAMING_ONLY = """policies:
  - id: tables-{uid}
    description: Tables are snake_case
    severity: warning
    subject: dataset
    require: name.matches('^[a-z_.]+$')
"""


def test_governance_policies_setting_replaces_the_built_in_ones(store, cli_env, mesh, uid,
                                                                capsys, tmp_path, monkeypatch):
    """CATALOG_GOVERNANCE_POLICIES: `catalog check` and the server's complianceReport."""
    from catalog.api.app import create_app
    from catalog.settings import Settings
    from tests.support.server import running

    policies = tmp_path / "policies.yaml"
    policies.write_text(NAMING_ONLY.format(uid=uid))
    monkeypatch.setenv("CATALOG_GOVERNANCE_POLICIES", str(policies))
    assert main(["check", "--domain", uid, "--json"]) == 0  # warnings only
    report = json.loads(capsys.readouterr().out)
    assert [p["id"] for p in report["policies"]] == [f"tables-{uid}"]
    assert {v["subject_id"] for v in report["violations"]} == {mesh["bills"]}
    assert main(["check", "--domain", uid, "--strict"]) == 1
    settings = Settings(data_dir=tmp_path / "server", governance_continuous=False)
    assert settings.governance_policies == policies
    with running(create_app(settings, store=store)) as base:
        got = gql(base, REPORT, {"d": uid})["data"]["complianceReport"]
    assert [p["id"] for p in got["policies"]] == [f"tables-{uid}"]
    assert got["compliant"] is True
    assert {v["subjectId"] for v in got["violations"]} == {mesh["bills"]}
    monkeypatch.delenv("CATALOG_GOVERNANCE_POLICIES")
    assert main(["check", "--domain", uid]) == 1  # the built-in policies again
