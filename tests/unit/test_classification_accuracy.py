"""Accuracy regression on ../shared/fixtures/pii (see tests/support/pii_eval.py for how the
fixtures' labels map onto our info types). Not timed: the speed figures are benchmarks."""

from __future__ import annotations

import pytest

from catalog.classification.combine import Classifier
from tests.conftest import FIXTURES
from tests.support.pii_eval import all_cases, evaluate, format_report

PII = FIXTURES / "pii"
pytestmark = pytest.mark.skipif(not (PII / "piicatcher").exists(),
                                reason=f"PII fixtures not found under {PII}")


def predict_with(clf: Classifier):
    def predict(case):
        name = "value" if case.column.startswith("value ") else case.column.split(".")[-1]
        r = clf.classify(name, case.data_type, case.values)
        return r.info_type if r else None
    return predict


def test_macro_f1_at_least_0_9_and_no_type_below_0_8():
    cases = all_cases(PII)
    assert len(cases) > 150
    report = evaluate(cases, predict_with(Classifier()))
    text = format_report("all fixtures", report)
    assert report.macro_f1 >= 0.9, text
    worst = min(report.per_type.items(), key=lambda kv: kv[1][2])
    assert worst[1][2] >= 0.8, text
    assert len(report.per_type) >= 15, text  # the figure covers many info types


def test_every_view_is_scored():
    views = {c.view for c in all_cases(PII)}
    assert {"piicatcher names", "piicatcher values", "presidio com_100",
            "presidio com_3000"} <= views


def test_the_evaluation_can_fail():
    """A classifier that always answers PII.Email scores far below the threshold."""
    report = evaluate(all_cases(PII), lambda case: "PII.Email")
    assert report.macro_f1 < 0.5
