"""The watcher's evaluation after a write takes the subject kinds the write could not have
changed from the evaluation before, and of the columns evaluates those of the datasets the
write touched: it must equal a full evaluation after every kind of write, leave columns
alone after a write of runs and lineage, and read one dataset's columns after a write to
them."""

from __future__ import annotations

import uuid

import pytest

from catalog.governance.evaluate import Evaluation
from catalog.governance.inputs import changed_kinds, column_datasets
from catalog.governance.policies import PolicyFile, parse_policies
from catalog.governance.service import GovernanceService
from graph import Label, Rel
from graph import classification as gc
from identity import ids
from tests.support.catalog_graph import add_dataset, add_product

POLICIES = """policies:
  - id: columns-snake
    description: column names are lower snake_case
    subject: column
    when: dataset.contains('{uid}')
    require: name.matches('^[a-z][a-z0-9_]*$')
    message: "name {{name}}"
  - id: columns-not-personal
    description: no accepted PII classification on a column
    subject: column
    when: dataset.contains('{uid}') && domain != null
    require: "!classifications.exists(c, c.name.startsWith('PII.'))"
  - id: datasets-fed
    description: a dataset of the test is fed by another
    subject: dataset
    when: name.startsWith('{uid}')
    require: size(upstream) > 0
"""


def _plain(result: Evaluation) -> tuple:
    return (sorted((f["id"], f["message"], f["domain"]) for f in result.findings),
            {k: dict(v) for k, v in result.checked.items() if v},
            dict(result.errors), result.subjects)


@pytest.fixture
def service(store, uid) -> GovernanceService:
    loaded = parse_policies(POLICIES.format(uid=uid), "incremental.yaml")
    assert not loaded.problems
    return GovernanceService(store, policies=PolicyFile(policies=loaded.policies))


def _write(store, fn):
    """Run `fn(tx)` in a write; the changes it committed."""
    seen = []

    def work(tx):
        fn(tx)
        seen.append(tx.changes)
    store.write(work)
    return seen[-1]


def test_each_write_gives_what_a_full_evaluation_gives(store, uid, service):
    _, prod = add_product(store, uid, "p")
    src = add_dataset(store, uid, f"{uid}.src", [("id", "int"), ("email", "text")],
                      product=prod)
    dst = add_dataset(store, uid, f"{uid}.dst", [("id", "int")], product=prod)
    _, before = service.evaluate("test", save=False)

    def step(fn) -> tuple[frozenset[str], int | None]:
        """(the kinds taken as they were, the column views read: None when every one)."""
        nonlocal before
        changes = _write(store, fn)
        kinds = changed_kinds(changes)
        datasets = column_datasets(changes) if "column" in kinds else None
        _, got = service.evaluate("test", save=False, previous=before, changed=set(kinds),
                                  column_datasets=datasets)
        _, full = service.evaluate("test", save=False)
        assert _plain(got) == _plain(full)
        assert got.parts["column"].tally.counts == full.parts["column"].tally.counts
        before = got
        return frozenset(got.reused), None if datasets is None else got.parts["column"].views

    # runs and lineage: columns are taken as they were, and the dataset finding goes
    job, run = ids.job_id(f"test://{uid}", "load"), ids.run_id(str(uuid.uuid4()))

    def lineage(tx):
        tx.upsert_nodes(Label.JOB, [{"id": job, "name": "load", "namespace": f"test://{uid}"}],
                        source="manual")
        tx.upsert_nodes(Label.RUN, [{"id": run, "state": "COMPLETE"}], source="manual")
        tx.upsert_edges(Rel.OF_JOB, [{"src": run, "dst": job}], source="manual")
        tx.upsert_edges(Rel.FEEDS, [{"src": src, "dst": dst}], source="manual")
    assert step(lineage) == ({"column"}, None)
    assert ("datasets-fed", dst) not in {(f["policy"], f["subject_id"])
                                         for f in before.findings}

    # a column renamed: columns are evaluated again and the new name is a finding
    col = ids.column_id(dst, "Id")
    def rename(tx):
        tx.upsert_nodes(Label.COLUMN, [{"id": col, "name": "Id", "path": "Id", "type": "int"}],
                        source="manual")
        tx.upsert_edges(Rel.HAS_COLUMN, [{"src": dst, "dst": col}], source="manual")
    assert step(rename) == (frozenset(), 2)  # dst's two columns only
    assert any(f["subject_id"] == col for f in before.findings)

    # a classification accepted, then a steward's rejection: both reach the columns
    email, pii = ids.column_id(src, "email"), ids.classification_id("PII.Email")

    def classify(tx):
        tx.upsert_nodes(Label.CLASSIFICATION, [{"id": pii, "name": "PII.Email",
                                                "sensitivity": "confidential"}],
                        source="manual")
        gc.write_edges(tx, [{"src": email, "dst": pii, "status": "accepted", "score": 1.0}],
                       source="manual")
    assert step(classify) == (frozenset(), None)  # a classification node: every column
    assert ("columns-not-personal", email) in {(f["policy"], f["subject_id"])
                                               for f in before.findings}
    assert step(lambda tx: gc.decide(tx, [{"src": email, "dst": pii, "status": "rejected",
                                           "by": "steward"}])) == (frozenset(), 2)
    assert ("columns-not-personal", email) not in {(f["policy"], f["subject_id"])
                                                   for f in before.findings}

    # a column closed, a dataset out of its product, a dataset closed: theirs only
    assert step(lambda tx: tx.close_nodes(Label.COLUMN, [email])) == (frozenset(), 1)
    assert step(lambda tx: gc.close_edges(tx, Rel.CONTAINS, Label.DATASET, [
        {"src": prod, "dst": dst, "by": "steward", "reason": "moved"}])) == (frozenset(), 2)
    assert step(lambda tx: tx.close_nodes(Label.DATASET, [src])) == (frozenset(), 1)

    # the product leaves: every column's domain may change
    def orphan(tx):
        tx.close_nodes(Label.DATA_PRODUCT, [prod])
    assert step(orphan) == (frozenset(), None)


def test_other_policies_are_not_taken_from_an_evaluation(store, uid, service):
    _, before = service.evaluate("test", save=False)
    other = GovernanceService(store, policies=PolicyFile(policies=parse_policies(
        POLICIES.format(uid=uid).replace("[a-z0-9_]", "[a-z0-9]"), "other.yaml").policies))
    _, got = other.evaluate("test", save=False, previous=before, changed=set())
    _, full = other.evaluate("test", save=False)
    assert got.reused == ("dataset",)  # the column policies differ, the dataset one not
    assert _plain(got) == _plain(full)
