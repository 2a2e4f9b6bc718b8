"""Policy files: CEL over a typed view, refused one by one with file, line and problem;
layers that keep global errors; evaluation on plain views (no engine)."""

from __future__ import annotations

import pytest

from catalog.governance.evaluate import Evaluation, run
from catalog.governance.layers import PolicyBook
from catalog.governance.policies import DOMAIN, load_policies, parse_policies
from catalog.governance.view import SUBJECTS, blank

SEED = """policies:
  - id: seed
    description: A product holding personal data has a PII classification and a retention
    severity: error
    subject: product
    when: size(personal_data) > 0
    require: classifications.exists(c, c.name.startsWith('PII.')) && retention != null
    message: holds {personal_data} without PII classification or retention
"""


def _product(**over):
    view = blank("product")
    view.update(id="product:d/p", name="p", domain="domain:d", **over)
    return view


def test_the_built_in_policies_load_and_cover_the_old_rule_types():
    f = load_policies()
    assert not f.problems
    assert {p.id: p.subject for p in f.policies} == {
        "pii-products-owned-and-retained": "product", "contracts-match-schemas": "product",
        "datasets-have-owners": "dataset", "dataset-names-snake-case": "dataset",
        "column-names-snake-case": "column"}


def test_seed_policy_in_cel():
    policy = parse_policies(SEED, "seed.yaml").policies[0]
    email = {"name": "PII.Email", "sensitivity": "confidential", "rank": 2, "on": "c"}
    out = Evaluation()
    run(policy, [_product()], out)  # no personal data: does not apply
    assert not out.findings and not any(out.checked["global/seed"].values())
    run(policy, [_product(personal_data=["PII.Email"], classifications=[email])], out)
    assert [f["message"] for f in out.findings] == [
        "holds PII.Email without PII classification or retention"]
    out = Evaluation()
    run(policy, [_product(personal_data=["PII.Email"], classifications=[email],
                          retention="P1Y")], out)
    assert not out.findings and out.checked["global/seed"]["domain:d"] == 1


@pytest.mark.parametrize("require, problem", [
    ("size(ownrs) > 0", "unknown variable 'ownrs'"),
    ("contract.stat == 'x'", "unknown field 'stat' of contract"),
    ("owners.name == 'x'", "owners is a list<Owner>"),
    ("classifications.exists(c, c.nme == 'x')", "unknown field 'nme' of c"),
    ("size(owners) >", "does not parse"),
])
def test_a_bad_policy_is_refused_with_file_line_and_problem_and_others_load(require, problem):
    text = f"""policies:
  - id: good
    description: fine
    subject: product
    require: size(owners) > 0
  - id: bad
    description: broken
    subject: product
    require: "{require}"
"""
    f = parse_policies(text, "mine.yaml")
    assert [p.id for p in f.policies] == ["good"]
    [p] = f.problems
    assert (p.origin, p.line, p.policy) == ("mine.yaml", 6, "bad")
    assert problem in p.message and str(p).startswith("mine.yaml:6: policy 'bad'")


@pytest.mark.parametrize("text, problem", [
    ("policies: [", "not YAML"),
    ("policies: [{id: a, description: b, subject: planet, require: 'true'}]", "subject"),
    ("policies: [{id: a, description: b, colour: red, subject: product, require: 'true'}]",
     "colour"),
    ("policies: [{id: a, description: b, subject: product, require: 'true', "
     "message: 'has {nope}'}]", "{nope}"),
])
def test_other_bad_input(text, problem):
    f = parse_policies(text, "mine.yaml")
    assert not f.policies and problem in str(f.problems[0])


def test_missing_file_is_a_problem_not_a_crash(tmp_path):
    f = load_policies(tmp_path / "nope.yaml")
    assert not f.policies and "nope.yaml" in str(f.problems[0])


def test_a_domain_cannot_relax_a_global_error_but_may_a_warning():
    book = PolicyBook(globals=load_policies().policies)
    relaxed = parse_policies("""policies:
  - id: datasets-have-owners
    description: ours need none
    severity: warning
    subject: dataset
    require: 'true'
  - id: dataset-names-snake-case
    description: we use CamelCase
    severity: warning
    subject: dataset
    require: table.matches('^[A-Z][A-Za-z]*$')
""", "sales/policies.yaml", layer=DOMAIN, domain="domain:sales").policies
    problems = [book.add_domain("domain:sales", p) for p in relaxed]
    assert problems[0] is not None and "cannot redefine global policy " \
        "'datasets-have-owners' of severity error" in problems[0].message
    assert problems[0].line == 2
    assert problems[1] is None
    assert book.disable("domain:sales", "contracts-match-schemas", "f", 1) is not None
    names = {p.id: p.layer for p in book.for_domain("domain:sales")}
    assert names["dataset-names-snake-case"] == "domain"
    assert names["datasets-have-owners"] == "global"
    glob = next(p for p in book.globals if p.id == "dataset-names-snake-case")
    assert not book.applies(glob, "domain:sales") and book.applies(glob, "domain:hr")


def test_every_subject_kind_has_the_common_fields():
    for kind, fields in SUBJECTS.items():
        assert {"id", "kind", "name", "domain", "properties"} <= set(fields), kind
