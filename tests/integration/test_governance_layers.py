"""Global and domain policies on a real graph: a domain's policy file beside its manifests
applies in that domain only, a domain cannot relax a global error (file or API), the
report says which layer a finding comes from, findings keep first-seen / resolved times,
and the server re-evaluates after writes."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import yaml

from catalog.governance.service import GovernanceService
from catalog.stewardship import OwnerItem, StewardshipService
from identity import ids
from ingestors.recipe import parse_recipe
from ingestors.runner import run_recipe
from tests.conftest import bearer
from tests.support.catalog_graph import add_dataset, add_product
from tests.support.server import gql

DESCRIBED = """domain: {domain}
policies:
  - id: products-described
    description: Our products say what they hold
    severity: error
    subject: product
    require: has(properties.description) && properties.description != ''
    message: product {{name}} has no description
    remedy:
      hint: describe the product
      mutation: setDescription
      arguments: {{subjectId: id}}
  - id: datasets-have-owners
    description: we do not need owners
    severity: warning
    subject: dataset
    require: 'true'
  - id: broken
    description: refers to a field products lack
    subject: product
    require: size(colums) > 0
"""

REPORT = """query($d: ID) { complianceReport(domain: $d) { domain compliant
  policies { id layer checked }
  violations { policy layer policyDomain domain subjectId message firstSeen
               remedy { hint mutation arguments } }
  fixed { policy subjectId resolvedAt }
  problems { origin line policy message }
  trend { errors warnings } } }"""


def _manifest(folder: Path, domain: str, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump({"name": name, "domain": domain, "owner": f"{domain}-team",
                                    "version": "1.0.0"}))
    return path


def _harvest(store, tmp: Path, *manifests: Path):
    rec = parse_recipe({"source": {"type": "data-product", "config": {
        "paths": [str(m.relative_to(tmp)) for m in manifests]}}}, base_dir=tmp)
    return run_recipe(rec, store)


def test_domain_policy_file_applies_in_its_domain_only(store, server, uid, tmp_path):
    sales, hr = f"sales-{uid}", f"hr-{uid}"
    mine = _manifest(tmp_path / "sales", sales, "orders")
    other = _manifest(tmp_path / "hr", hr, "people")
    (tmp_path / "sales" / "policies.yaml").write_text(DESCRIBED.format(domain=sales))
    summary = _harvest(store, tmp_path, mine, other)
    problems = "\n".join(summary.report.get("policy_problems", []))
    policy_file = tmp_path / "sales" / "policies.yaml"
    # the relaxing one and the broken one are refused with file and line; the other loads
    assert f"{policy_file}:13: policy 'datasets-have-owners'" in problems
    assert "cannot redefine global policy 'datasets-have-owners'" in problems
    assert f"{policy_file}:18: policy 'broken'" in problems and "'colums'" in problems

    GovernanceService(store).evaluate("test")
    got = gql(server, REPORT, {"d": sales})["data"]["complianceReport"]
    described = [v for v in got["violations"] if v["policy"] == "products-described"]
    assert [v["subjectId"] for v in described] == [ids.product_id(sales, "orders")]
    assert described[0]["layer"] == "domain"
    assert described[0]["policyDomain"] == ids.domain_id(sales)
    assert described[0]["message"] == "product orders has no description"
    assert described[0]["remedy"] == {"hint": "describe the product",
                                      "mutation": "setDescription",
                                      "arguments": {"subjectId": ids.product_id(sales,
                                                                                "orders")}}
    assert {p["id"]: p["layer"] for p in got["policies"]}["products-described"] == "domain"
    other_report = gql(server, REPORT, {"d": hr})["data"]["complianceReport"]
    assert "products-described" not in {p["id"] for p in other_report["policies"]}
    assert not [v for v in other_report["violations"] if v["policy"] == "products-described"]

    # the file changes: its policies follow (the old one is gone, and so is its finding)
    policy_file.write_text(f"domain: {sales}\npolicies: []\n")
    _harvest(store, tmp_path, mine, other)
    GovernanceService(store).evaluate("test")
    got = gql(server, REPORT, {"d": sales})["data"]["complianceReport"]
    assert "products-described" not in {p["id"] for p in got["policies"]}
    assert [f["subjectId"] for f in got["fixed"] if f["policy"] == "products-described"] == [
        ids.product_id(sales, "orders")]

    # the file goes: so do its policies
    policy_file.write_text(DESCRIBED.format(domain=sales))
    _harvest(store, tmp_path, mine, other)
    assert "products-described" in {p.id for p in GovernanceService(store).policies(sales)}
    policy_file.unlink()
    _harvest(store, tmp_path, mine, other)
    assert "products-described" not in {p.id for p in GovernanceService(store).policies(sales)}


SET_POLICY = """mutation($d: ID!, $p: String!) { setDomainPolicy(domain: $d, policy: $p) {
  key layer domain severity } }"""


def test_a_domain_cannot_relax_a_global_error_through_the_api(server, store, tokens, uid):
    _, prod = add_product(store, uid, "things")
    add_dataset(store, uid, "things.t", [("x", "int")], product=prod)  # without an owner
    relax = yaml.safe_dump({"id": "datasets-have-owners", "description": "none needed",
                            "severity": "warning", "subject": "dataset", "require": "true"})
    got = gql(server, SET_POLICY, {"d": uid, "p": relax},
              headers=bearer(tokens["admin"]))
    err = got["errors"][0]
    assert err["extensions"]["code"] == "POLICY_REFUSED"
    assert "cannot redefine global policy 'datasets-have-owners' of severity error" in \
        err["message"]
    bad = yaml.safe_dump({"id": "x", "description": "y", "subject": "product",
                          "require": "owner != null"})
    err = gql(server, SET_POLICY, {"d": uid, "p": bad},
              headers=bearer(tokens["admin"]))["errors"][0]
    assert err["extensions"]["code"] == "POLICY_REFUSED" and "'owner'" in err["message"]
    ok = yaml.safe_dump({"id": "tagged", "description": "products are tagged",
                         "severity": "warning", "subject": "product",
                         "require": "size(tags) > 0"})
    # a steward who does not own the domain may not; an admin may
    err = gql(server, SET_POLICY, {"d": uid, "p": ok},
              headers=bearer(tokens["steward"]))["errors"][0]
    assert err["extensions"]["code"] == "FORBIDDEN"
    got = gql(server, SET_POLICY, {"d": uid, "p": ok}, headers=bearer(tokens["admin"]))
    assert got["data"]["setDomainPolicy"] == {"key": f"domain:{uid}/tagged",
                                              "layer": "domain", "domain": f"domain:{uid}",
                                              "severity": "warning"}
    GovernanceService(store).evaluate("test")
    report = gql(server, REPORT, {"d": uid})["data"]["complianceReport"]
    assert [(v["policy"], v["layer"]) for v in report["violations"]
            if v["policy"] == "tagged"] == [("tagged", "domain")]
    assert [v["layer"] for v in report["violations"]
            if v["policy"] == "datasets-have-owners"] == ["global"]


def test_findings_keep_first_seen_and_resolution(store, server, uid):
    _, prod = add_product(store, uid, "ledger")
    ds = add_dataset(store, uid, "fin.ledger", [("amount", "numeric")], product=prod)
    svc = GovernanceService(store)
    svc.evaluate("test")
    first = _owner_finding(svc.report(uid), ds)
    assert first is not None and first.first_seen
    svc.evaluate("test")
    assert _owner_finding(svc.report(uid), ds).first_seen == first.first_seen  # still open
    StewardshipService(store, propagate=False).set_owners([OwnerItem(prod, "fin")], "t")
    svc.evaluate("test")
    report = svc.report(uid)
    assert _owner_finding(report, ds) is None
    assert [v.subject_id for v in report.fixed if v.policy == "datasets-have-owners"] == [ds]
    assert report.trend[0]["errors"] < report.trend[1]["errors"]


def _owner_finding(report, ds):
    return next((v for v in report.violations
                 if v.policy == "datasets-have-owners" and v.subject_id == ds), None)


def test_the_server_evaluates_after_writes(store, uid, tmp_path):
    """The runtime's watcher: a write, a quiet moment, and the finding is there."""
    from catalog.api.app import create_app
    from catalog.settings import Settings
    from tests.support.server import running

    settings = Settings(data_dir=tmp_path / "srv", governance_eval_delay=0.2)
    with running(create_app(settings, store=store)) as base:
        _, prod = add_product(store, uid, "late")
        ds = add_dataset(store, uid, "late.things", [("x", "int")], product=prod)
        deadline = time.monotonic() + 120
        seen: list = []
        while time.monotonic() < deadline and not seen:
            time.sleep(0.5)
            got = httpx.post(f"{base}/graphql", json={"query": REPORT, "variables": {
                "d": uid}}).json()["data"]["complianceReport"]
            seen = [v for v in got["violations"] if v["subjectId"] == ds]
    assert seen and seen[0]["policy"] == "datasets-have-owners"


def test_the_watcher_notices_a_domain_policy_change(store, uid, tmp_path):
    """A policy set through the API (by any worker) writes no catalog change: the watcher
    notices the domain policies' fingerprint instead, and evaluates once quiet."""
    from catalog.audit import Actor
    from catalog.runtime.governance import GovernanceWatcher
    from catalog.settings import Settings

    add_product(store, uid, "quiet")
    watcher = GovernanceWatcher(store, Settings(data_dir=tmp_path, governance_eval_delay=60,
                                                governance_eval_max_wait=600))
    watcher._dirty_at = watcher._dirty_since = None  # as after its first evaluation
    assert watcher._policies_changed() is False  # the first look only remembers
    assert watcher._policies_changed() is False
    policy = yaml.safe_dump({"id": "quiet-tagged", "description": "tagged",
                             "severity": "warning", "subject": "product",
                             "require": "size(tags) > 0"})
    GovernanceService(store).set_domain_policy(uid, policy, Actor("t", "admin"))
    assert watcher._policies_changed() is True
    assert watcher._policies_changed() is False
    GovernanceService(store).remove_domain_policy(uid, "quiet-tagged", Actor("t", "admin"))
    assert watcher._policies_changed() is True


def test_a_domain_owner_sets_its_domains_policies(server, store, uid):
    """A steward whose token is named after an owner of the domain's products may."""
    from catalog.auth import Role, TokenStore

    add_product(store, uid, "owned", owner=f"{uid}-team")
    _, secret = TokenStore(store).create(f"{uid}-team", Role.STEWARD)
    ok = yaml.safe_dump({"id": "owned-tagged", "description": "tagged", "subject": "product",
                         "severity": "warning", "require": "size(tags) > 0"})
    got = gql(server, SET_POLICY, {"d": uid, "p": ok}, headers=bearer(secret))
    assert got.get("data", {}) and got["data"]["setDomainPolicy"]["key"] == \
        f"domain:{uid}/owned-tagged", got


def test_the_trend_keeps_a_bounded_history(store, monkeypatch):
    from catalog.governance import service
    from graph import governance as gg

    monkeypatch.setattr(service, "TREND_KEEP", 2)
    svc = GovernanceService(store)
    for _ in range(3):
        svc.evaluate("test")
    kept = gg.evaluations(store, 10)
    assert len(kept) == 2 and kept[0]["at"] >= kept[1]["at"]


def test_governance_policies_lists_a_domains_layers(server, store, tokens, uid):
    add_product(store, uid, "listed")
    own = yaml.safe_dump({"id": "listed-tagged", "description": "tagged", "subject": "product",
                          "severity": "warning", "when": "size(datasets) > 0",
                          "require": "size(tags) > 0"})
    assert "errors" not in gql(server, SET_POLICY, {"d": uid, "p": own},
                               headers=bearer(tokens["admin"]))
    got = gql(server, """query($d: ID) { governancePolicies(domain: $d) {
        key layer domain subject when checks origin line } }""", {"d": uid})
    policies = {p["key"]: p for p in got["data"]["governancePolicies"]}
    mine = policies[f"domain:{uid}/listed-tagged"]
    assert mine == {"key": f"domain:{uid}/listed-tagged", "layer": "domain",
                    "domain": f"domain:{uid}", "subject": "product",
                    "when": "size(datasets) > 0", "checks": ["size(tags) > 0"],
                    "origin": "api", "line": 1}
    assert policies["global/datasets-have-owners"]["origin"] == "default_policies.yaml"
