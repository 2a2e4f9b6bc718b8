"""Policy files: typed, strict, with errors that name the file and the key."""

from __future__ import annotations

import pytest

from catalog.governance.policies import PolicyError, load_policies, parse_policies
from catalog.governance.rules import Facts, dataset_has_owner, pii_product_owner_retention


def test_the_built_in_policies_cover_the_issue():
    types = {p.rule.type for p in load_policies().policies}
    assert types == {"pii_product_owner_retention", "contract_matches_schema", "naming",
                     "dataset_has_owner"}


@pytest.mark.parametrize("text, where", [
    ("policies: [{id: a, description: b, rule: {type: nope}}]", "policies.0.rule"),
    ("policies: [{id: a, description: b, colour: red, rule: {type: dataset_has_owner}}]",
     "policies.0.colour"),
    ("policies: [{id: a, description: b, rule: {type: naming, target: column, "
     "pattern: '('}}]", "policies.0.rule.naming.pattern"),
    ("policies: [{id: a, description: b, rule: {type: pii_product_owner_retention, "
     "min_sensitivity: secret}}]", "min_sensitivity"),
    ("policies: [{id: a, description: b, rule: {type: dataset_has_owner}}, "
     "{id: a, description: c, rule: {type: dataset_has_owner}}]", "used twice"),
    ("policies: [", "not YAML"),
])
def test_bad_policies_are_refused_with_the_path(text, where):
    with pytest.raises(PolicyError, match="mine.yaml") as exc:
        parse_policies(text, "mine.yaml")
    assert where in str(exc.value)


def test_missing_file_names_it(tmp_path):
    with pytest.raises(PolicyError, match="nope.yaml"):
        load_policies(tmp_path / "nope.yaml")


def test_rules_on_plain_facts():
    rule = parse_policies("policies: [{id: a, description: b, rule: {type: "
                          "pii_product_owner_retention, min_sensitivity: restricted}}]"
                          ).policies[0].rule
    facts = Facts(products=[{"id": "product:d/p", "product": {"sla": '{"retention": "P1Y"}'},
                             "owners": []}],
                  classifications={"product:d/p": [
                      {"classification": "PII.Email", "sensitivity": "confidential"}]})
    assert pii_product_owner_retention(rule, facts) == (0, [])  # below the floor
    facts.classifications["product:d/p"].append(
        {"classification": "PII.SSN", "sensitivity": "restricted"})
    checked, found = pii_product_owner_retention(rule, facts)
    assert checked == 1 and [f.message for f in found] == [
        "holds personal data (PII.SSN) but has no owner"]  # retention found in the sla
    owner_rule = parse_policies("policies: [{id: a, description: b, rule: {type: "
                                "dataset_has_owner, inherit_from_product: false}}]"
                                ).policies[0].rule
    ds = Facts(datasets=[{"id": "dataset:x:y", "owners": [], "product_owners": ["owner:t"],
                          "product": "product:d/p"}])
    assert len(dataset_has_owner(owner_rule, ds)[1]) == 1
