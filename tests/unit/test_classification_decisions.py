"""The decision rules of a classifier run on one column, as plain data."""

from __future__ import annotations

from catalog.classification.combine import Result
from catalog.classification.decisions import Verdict, is_automatic, plan_subject

V1, V2, NOW = "v1", "v2", "2026-01-01T00:00:00.000000Z"
COL = "dataset:pg://h:5432:db.s.t#c"


def result(itype="PII.Email", score=0.95, status="accepted", version=V1, sampled=False):
    return Result(itype, score, status, ("because",), version, sampled)


def edge(itype="PII.Email", **kw):
    base = {"dst": f"classification:{itype}", "status": "accepted", "source": "classifier",
            "decided_by": "classifier", "classifier_version": V1, "sampled": False,
            "valid_to": None}
    return {**base, **kw}


def plan(existing, results, *, version=V1, sampled=False, force=False):
    return plan_subject(existing, Verdict(COL, results, sampled), version=version, now=NOW,
                        force=force)


def test_a_new_finding_is_written_with_its_evidence():
    p = plan({}, [result()])
    assert [r["dst"] for r in p.upserts] == ["classification:PII.Email"]
    row = p.upserts[0]
    assert row["decided_by"] == "classifier" and row["classifier_version"] == V1
    assert row["reasons"] == ["because"] and p.counts == {"accepted": 1}


def test_a_rejected_type_is_not_suggested_again_unless_forced():
    existing = {"PII.Email": edge(status="rejected", decided_by="alice")}
    p = plan(existing, [result()])
    assert not p.upserts and not p.closes and p.counts == {"kept_rejected": 1}
    forced = plan(existing, [result()], force=True)
    assert forced.upserts[0]["decided_by"] == "classifier"


def test_the_next_candidate_is_offered_when_the_best_was_rejected():
    existing = {"PII.Email": edge(status="rejected", decided_by="alice")}
    p = plan(existing, [result(), result("PII.Username", 0.6, "suggested")])
    assert [r["dst"] for r in p.upserts] == ["classification:PII.Username"]


def test_an_accepted_decision_is_never_removed_even_forced():
    existing = {"PII.PersonName": edge("PII.PersonName", decided_by="bob", score=0.6)}
    for force in (False, True):
        p = plan(existing, [], force=force)
        assert not p.closes and not p.upserts


def test_automatic_decisions_are_re_evaluated_and_closed_when_gone():
    existing = {"PII.Email": edge()}
    p = plan(existing, [result("PII.Email", 0.6, "suggested")])
    assert p.upserts[0]["status"] == "suggested"
    gone = plan(existing, [])
    assert gone.closes and gone.closes[0]["dst"] == "classification:PII.Email"


def test_a_name_only_run_keeps_what_the_same_version_found_in_values():
    existing = {"PII.SSN": edge("PII.SSN", sampled=True)}
    p = plan(existing, [], sampled=False)
    assert not p.closes and p.counts == {"kept_sampled": 1}
    # a new version re-evaluates it even without samples
    p = plan(existing, [], version=V2, sampled=False)
    assert p.closes


def test_a_version_change_touches_only_automatic_decisions():
    existing = {"PII.Email": edge(),
                "PII.Phone": edge("PII.Phone", decided_by="carol", status="rejected"),
                "PII.City": edge("PII.City", decided_by="dave")}
    p = plan(existing, [result("PII.Email", 0.7, "suggested", version=V2)], version=V2)
    assert [r["dst"] for r in p.upserts] == ["classification:PII.Email"]
    assert p.upserts[0]["classifier_version"] == V2 and not p.closes


def test_propagated_and_manual_edges_are_left_to_their_owners():
    existing = {"PII.Email": edge(source="propagated", decided_by="propagation",
                                  path=["a", "b"])}
    p = plan(existing, [])
    assert not p.closes and not p.upserts
    assert is_automatic({"source": "manual"}) is False
    assert is_automatic({"source": "classifier"}) is True
