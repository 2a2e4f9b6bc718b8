"""Classifier runs against the real engine: what runs write, and what they must not undo."""

from __future__ import annotations

import pytest

from catalog.classification.combine import Classifier
from catalog.classification.service import ClassificationService
from catalog.stewardship import ClassificationItem, StewardshipService
from graph import classification as gc
from identity import ids
from tests.support.catalog_graph import add_dataset

COLS = [("id", "integer"), ("email", "varchar"), ("full_name", "varchar"), ("name", "varchar"),
        ("ssn", "varchar"), ("amount", "numeric"), ("email_verified", "boolean")]


def edges(store, ds):
    col_ids = [ids.column_id(ds, c) for c, _ in COLS]
    return {c.rsplit("#", 1)[1]: v for c, v in gc.edges_of(store.query, col_ids).items()}


def open_types(found, col):
    return {t: e for t, e in found.get(col, {}).items() if e.get("valid_to") is None}


def test_a_run_classifies_by_name_with_evidence(store, uid):
    ds = add_dataset(store, uid, "crm.customers", COLS)
    summary = ClassificationService(store).classify_datasets([ds], propagate=False)
    assert summary.columns == len(COLS)
    found = edges(store, ds)
    email = found["email"]["PII.Email"]
    assert email["status"] == "accepted" and email["source"] == "classifier"
    assert email["decided_by"] == "classifier" and email["decided_at"]
    assert email["classifier_version"] == Classifier().version
    assert any("email" in r for r in email["reasons"])
    assert found["name"]["PII.PersonName"]["status"] == "suggested"
    assert not open_types(found, "id") and not open_types(found, "email_verified")
    assert not open_types(found, "amount")


def test_rejected_stays_rejected_and_accepted_stays_across_runs(store, uid):
    ds = add_dataset(store, uid, "crm.people", COLS)
    svc = ClassificationService(store)
    svc.classify_datasets([ds], propagate=False)
    steward = StewardshipService(store, propagate=False)
    steward.decide([ClassificationItem(ids.column_id(ds, "email"), "PII.Email")],
                   "rejected", "alice")
    steward.decide([ClassificationItem(ids.column_id(ds, "name"), "PII.PersonName")],
                   "accepted", "bob", require_existing=True)
    # a later run with stricter thresholds would drop `name` (0.6) and still find email
    stricter = ClassificationService(store, classifier=Classifier(accept=0.9, suggest=0.7))
    for service in (svc, stricter, svc):
        summary = service.classify_datasets([ds], propagate=False)
        found = edges(store, ds)
        email = found["email"]["PII.Email"]
        assert email["status"] == "rejected" and email["decided_by"] == "alice"
        name = found["name"]["PII.PersonName"]
        assert name["status"] == "accepted" and name["decided_by"] == "bob"
        assert name.get("valid_to") is None
        assert summary.counts.get("kept_rejected", 0) >= 1
    # forced, the rejection gives way to the run's verdict; the acceptance does not
    svc.classify_datasets([ds], force=True, propagate=False)
    found = edges(store, ds)
    assert found["email"]["PII.Email"]["decided_by"] == "classifier"
    assert found["email"]["PII.Email"]["status"] == "accepted"
    assert found["name"]["PII.PersonName"]["decided_by"] == "bob"


def test_a_version_change_re_evaluates_only_automatic_decisions(store, uid):
    ds = add_dataset(store, uid, "crm.contacts", COLS)
    v1 = ClassificationService(store, classifier=Classifier(version="test/1"))
    v1.classify_datasets([ds], propagate=False)
    StewardshipService(store, propagate=False).decide(
        [ClassificationItem(ids.column_id(ds, "full_name"), "PII.PersonName")],
        "accepted", "carol", require_existing=True)
    before = edges(store, ds)
    # version 2 is stricter: what v1 accepted automatically is only suggested now, and the
    # bare `name` it suggested is gone
    v2 = ClassificationService(store, classifier=Classifier(version="test/2", accept=0.97,
                                                             suggest=0.65))
    v2.classify_datasets([ds], propagate=False)
    after = edges(store, ds)
    email = after["email"]["PII.Email"]
    assert email["classifier_version"] == "test/2" and email["status"] == "suggested"
    assert after["name"]["PII.PersonName"]["valid_to"] is not None
    assert after["name"]["PII.PersonName"]["closed_by"] == "classifier"
    human = after["full_name"]["PII.PersonName"]
    assert human == before["full_name"]["PII.PersonName"]  # untouched, still version 1
    assert human["classifier_version"] == "test/1" and human["decided_by"] == "carol"


def test_sampled_values_decide_and_a_name_only_pass_does_not_undo_them(store, uid):
    ds = add_dataset(store, uid, "crm.legacy", [("id", "varchar"), ("ssn", "varchar")])
    svc = ClassificationService(store)

    class Sample:
        def __init__(self, col, values):
            self.dataset_id, self.column_id, self.column = ds, ids.column_id(ds, col), col
            self.type, self.values = "varchar", values

    verdicts = svc.verdicts_for_samples([Sample("id", ["172-32-1176", "514-14-8905"]),
                                         Sample("ssn", ["--"] * 20)])
    svc.apply(verdicts, propagate=False)
    found = gc.edges_of(store.query, [ids.column_id(ds, "id"), ids.column_id(ds, "ssn")])
    id_ssn = found[ids.column_id(ds, "id")]["PII.SSN"]
    assert id_ssn["status"] == "accepted" and id_ssn["sampled"] is True
    dashes = found[ids.column_id(ds, "ssn")]["PII.SSN"]
    assert dashes["status"] == "suggested"  # a ssn column of `--` is never auto-accepted
    svc.classify_datasets([ds], propagate=False)  # name only: `id` says nothing
    found = gc.edges_of(store.query, [ids.column_id(ds, "id")])
    assert found[ids.column_id(ds, "id")]["PII.SSN"].get("valid_to") is None


def test_resolve_by_domain_and_refuse_unknown(store, uid):
    from graph.errors import InvalidInput, NotFound
    from tests.support.catalog_graph import add_product

    dom, prod = add_product(store, uid, "crm")
    ds = add_dataset(store, uid, "crm.accounts", COLS[:2], product=prod)
    svc = ClassificationService(store)
    assert svc.resolve(domain=uid) == [ds] == svc.resolve(domain=dom)
    with pytest.raises(NotFound):
        svc.resolve(["dataset:test://nowhere:x.y"])
    with pytest.raises(InvalidInput) as exc:
        svc.resolve([ds], domain=uid)
    assert exc.value.path == "datasets"
