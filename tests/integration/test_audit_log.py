"""The audit log: each kind of mutation leaves an entry with who (token name and role),
when, what, before and after; only admins read it; nothing updates or deletes it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from catalog.auth import Role, TokenStore
from catalog.cli import main
from identity import ids
from tests.conftest import bearer
from tests.support.catalog_graph import add_dataset, add_product
from tests.support.server import gql

LOG = """query($target: String, $action: String) {
  auditLog(target: $target, action: $action, first: 50) {
    id at actor role action target before after detail } }"""
ROOT = Path(__file__).resolve().parents[2]


def _log(server, tokens, **variables) -> list[dict]:
    got = gql(server, LOG, variables, headers=bearer(tokens[Role.ADMIN]))
    assert "errors" not in got, got
    return got["data"]["auditLog"]


def _mutate(server, tokens, query: str, variables: dict, role: Role = Role.STEWARD) -> dict:
    got = gql(server, query, variables, headers=bearer(tokens[role]))
    assert "errors" not in got, got
    return got["data"]


@pytest.fixture
def subject(store, uid):
    _, prod = add_product(store, uid, "crm")
    ds = add_dataset(store, uid, "crm.people", [("email", "varchar")], product=prod)
    return {"product": prod, "dataset": ds, "column": ids.column_id(ds, "email")}


STEWARDSHIP = [
    ("setOwner", "mutation($s: ID!) { setOwner(input: {subjectId: $s, owner: \"crm-team\"}) "
                 "{ id } }", "dataset", "setOwners",
     {"owners": []}, {"owners": ["crm-team (owner)"]}),
    ("addTag", "mutation($s: ID!) { addTag(input: {subjectId: $s, tag: \"gold\"}) { id } }",
     "dataset", "addTags", {"tags": []}, {"tags": ["gold"]}),
    ("setDescription", "mutation($s: ID!) { setDescription(input: {subjectId: $s, "
                       "description: \"People\"}) { id } }", "dataset", "setDescriptions",
     {"description": None}, {"description": "People"}),
    ("setClassification", "mutation($s: ID!) { setClassification(input: {subjectId: $s, "
                          "classification: \"PII.Email\"}) { status } }", "column",
     "acceptedClassifications", {"classifications": []},
     {"classifications": ["PII.Email=accepted"]}),
    ("rejectClassification", "mutation($s: ID!) { rejectClassification(input: {subjectId: "
                             "$s, classification: \"PII.Phone\"}) { status } }", "column",
     "rejectedClassifications", {"classifications": []},
     {"classifications": ["PII.Phone=rejected"]}),
]


@pytest.mark.parametrize(("name", "query", "kind", "action", "before", "after"), STEWARDSHIP,
                         ids=[s[0] for s in STEWARDSHIP])
def test_stewardship_mutations_are_audited(server, tokens, subject, name, query, kind,
                                           action, before, after):
    _mutate(server, tokens, query, {"s": subject[kind]})
    [entry] = _log(server, tokens, target=subject[kind], action=action)
    assert (entry["actor"], entry["role"]) == (f"test-{Role.STEWARD}", "steward")
    assert entry["before"] == before and entry["after"] == after
    assert re.match(r"\d{4}-\d\d-\d\dT", entry["at"])


def test_removing_a_tag_records_what_it_was(server, tokens, subject):
    q = "mutation($s: ID!) { %s(input: {subjectId: $s, tag: \"tmp\"}) { id } }"
    _mutate(server, tokens, q % "addTag", {"s": subject["product"]})
    _mutate(server, tokens, q % "removeTag", {"s": subject["product"]})
    [entry] = _log(server, tokens, target=subject["product"], action="removeTags")
    assert entry["before"] == {"tags": ["tmp"]} and entry["after"] == {"tags": []}


def test_a_refused_mutation_leaves_no_entry(server, tokens, subject):
    got = gql(server, "mutation($s: ID!) { acceptClassification(input: {subjectId: $s, "
                      "classification: \"PII.IBAN\"}) { status } }",
              {"s": subject["column"]}, headers=bearer(tokens[Role.STEWARD]))
    assert got["errors"]
    assert not _log(server, tokens, target=subject["column"])


def test_domain_policy_changes_are_audited(server, tokens, store, uid, subject):
    policy = yaml.safe_dump({"id": "tagged", "description": "tagged", "severity": "warning",
                             "subject": "product", "require": "size(tags) > 0"})
    set_q = "mutation($d: ID!, $p: String!) { setDomainPolicy(domain: $d, policy: $p) { key } }"
    _mutate(server, tokens, set_q, {"d": uid, "p": policy}, Role.ADMIN)
    _mutate(server, tokens, "mutation($d: ID!) { removeDomainPolicy(domain: $d, id: "
                            "\"tagged\") }", {"d": uid}, Role.ADMIN)
    target = f"domain:{uid}|tagged"
    entries = _log(server, tokens, target=target)
    assert [e["action"] for e in entries] == ["removeDomainPolicy", "setDomainPolicy"]
    assert entries[1]["before"] is None and "size(tags) > 0" in entries[1]["after"]
    assert "size(tags) > 0" in entries[0]["before"] and entries[0]["after"] is None
    assert {e["role"] for e in entries} == {"admin"}


def test_runs_are_audited(server, tokens, subject):
    _mutate(server, tokens, "mutation($id: ID!) { classifyDataset(id: $id) { datasets } }",
            {"id": subject["dataset"]})
    _mutate(server, tokens, "mutation { evaluatePolicies { findings } }", {})
    _mutate(server, tokens, "mutation { propagateClassifications { propagated } }", {})
    actions = {e["action"] for e in _log(server, tokens)[:10]}
    assert {"classifyDatasets", "evaluatePolicies", "propagateClassifications"} <= actions


def test_tokens_made_and_revoked_on_the_command_line_are_audited(server, tokens, store,
                                                                 cli_env, capsys):
    record, _ = TokenStore(store).create("audit-probe", Role.READER)
    assert main(["token", "revoke", record.id]) == 0
    capsys.readouterr()
    entries = _log(server, tokens, target=f"token:{record.id}")
    assert [e["action"] for e in entries] == ["revokeToken", "createToken"]
    revoke, create = entries
    assert revoke["actor"].startswith("cli:") and revoke["role"] == "local"
    assert revoke["before"].get("revoked_at") is None and revoke["after"]["revoked_at"]
    assert create["after"]["name"] == "audit-probe" and "hash" not in create["after"]


@pytest.mark.parametrize(("role", "code"), [(None, "UNAUTHENTICATED"),
                                            (Role.STEWARD, "FORBIDDEN"),
                                            (Role.READER, "FORBIDDEN")])
def test_only_admins_read_the_log(server, tokens, role, code):
    got = gql(server, LOG, {}, headers=bearer(tokens[role]) if role else {})
    assert got["errors"][0]["extensions"]["code"] == code


def test_the_log_is_append_only():
    """No statement but the one CREATE writes an AuditEntry."""
    writers = []
    for path in sorted((ROOT / "graph" / "cypher").glob("*.cypher")):
        text = path.read_text()
        if "AuditEntry" in text and re.search(r"\b(SET|DELETE|MERGE|REMOVE|CREATE \()",
                                              text.split("\n", 1)[-1]):
            writers.append(path.name)
    assert writers == ["audit_append.cypher"]


def test_a_harvest_is_audited(server, tokens, store, uid, tmp_path):
    from ingestors.recipe import parse_recipe
    from ingestors.runner import run_recipe

    manifest = tmp_path / "p.yaml"
    manifest.write_text(yaml.safe_dump({"name": "audited", "domain": f"d-{uid}",
                                        "owner": "team", "version": "1"}))
    rec = parse_recipe({"source": {"type": "data-product", "config": {"paths": ["p.yaml"]}}},
                       base_dir=tmp_path)
    summary = run_recipe(rec, store)
    [entry] = _log(server, tokens, target=summary.scope, action="ingest")
    assert entry["actor"].startswith("cli:") and entry["role"] == "local"
    assert entry["after"]["added"]["DataProduct"] == 1 and entry["detail"]["type"] == "data-product"
    run_recipe(rec, store, dry_run=True)  # a dry run writes nothing, so records nothing
    assert len(_log(server, tokens, target=summary.scope, action="ingest")) == 1


def test_the_log_pages_with_a_cursor(server, tokens, subject):
    q = "mutation($s: ID!, $t: String!) { addTag(input: {subjectId: $s, tag: $t}) { id } }"
    for tag in ("a", "b", "c"):
        _mutate(server, tokens, q, {"s": subject["dataset"], "t": tag})
    page = """query($b: ID, $t: String) { auditLog(first: 2, before: $b, target: $t) {
      id detail } }"""
    first = gql(server, page, {"t": subject["dataset"]},
                headers=bearer(tokens[Role.ADMIN]))["data"]["auditLog"]
    rest = gql(server, page, {"t": subject["dataset"], "b": first[-1]["id"]},
               headers=bearer(tokens[Role.ADMIN]))["data"]["auditLog"]
    assert [e["detail"] for e in first + rest] == [["c"], ["b"], ["a"]]
    err = gql(server, "{ auditLog(first: 0) { id } }", headers=bearer(tokens[Role.ADMIN]))
    assert err["errors"][0]["extensions"] == {"code": "BAD_INPUT", "field": "first"}


def test_setting_a_domains_stewards_is_audited(server, tokens, subject, uid):
    domain = ids.domain_id(uid)
    q = "mutation($d: ID!, $s: [String!]!) { setDomainStewards(domainId: $d, stewards: $s) { id } }"
    _mutate(server, tokens, q, {"d": domain, "s": ["team-gov"]}, role=Role.ADMIN)
    _mutate(server, tokens, q, {"d": domain, "s": ["ada@example.com"]}, role=Role.ADMIN)
    entries = _log(server, tokens, target=domain, action="setDomainStewards")
    assert [e["after"] for e in entries] == [{"owners": ["ada@example.com (steward)"]},
                                             {"owners": ["team-gov (steward)"]}]
    assert entries[0]["before"] == {"owners": ["team-gov (steward)"]}
    assert (entries[0]["actor"], entries[0]["role"]) == (f"test-{Role.ADMIN}", "admin")
