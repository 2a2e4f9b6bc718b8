"""Accuracy on our own corpus (tests/support/pii_corpus.py): the held-out half must meet the
issue's targets, and the settings' thresholds must lie inside what calibrating on it allows.
Not timed: speed is the benchmarks' business."""

from __future__ import annotations

import pytest

from catalog.classification.combine import Classifier
from catalog.settings import Settings
from tests.benchmarks.classification_accuracy import predict, shortfalls
from tests.support.pii_calibrate import calibrate
from tests.support.pii_corpus import HELD, TUNE, build, corpus
from tests.support.pii_eval import evaluate, format_report

clf = Classifier()


def test_the_corpus_is_big_varied_and_split():
    tune, held = corpus("tune"), corpus("held")
    assert len(tune) + len(held) >= 1000
    assert not set(TUNE.locales) & set(HELD.locales) and TUNE.seed != HELD.seed
    assert not set(TUNE.styles) & set(HELD.styles)
    assert len({c.expected for c in held if c.expected}) >= 20
    assert sum(1 for c in held if c.expected is None) >= 100  # negatives that look like PII
    named = {c.column.lower() for c in tune if c.view in ("tune names", "tune values")}
    held_named = [c for c in held if c.view in ("held names", "held values")]
    unseen = [c for c in held_named if c.column.lower() not in named]
    assert len(unseen) >= 0.95 * len(held_named)


def test_the_corpus_is_generated_deterministically():
    assert build(HELD) == build(HELD)


def test_held_out_half_meets_the_targets():
    report = evaluate(list(corpus("held")), predict(clf))
    assert not shortfalls(report), format_report("held-out half", report).split("\n  miss")[0]


def test_the_targets_can_fail():
    """A classifier that answers PII.Email for everything misses them by far."""
    report = evaluate(list(corpus("held")), lambda case: "PII.Email")
    assert len(shortfalls(report)) > 10


def test_settings_thresholds_lie_inside_the_calibrated_ranges():
    cal = calibrate(list(corpus("held")), clf)
    s = Settings()
    assert cal.admits(s.classification_suggest, s.classification_accept), (cal.suggest,
                                                                           cal.accept)
    assert not cal.admits(0.95, 0.97)  # a suggest threshold that costs recall is refused


@pytest.mark.parametrize("half", ["tune", "held"])
def test_no_negative_of_the_corpus_is_accepted_automatically(half):
    wrong = [c.column for c in corpus(half) if c.expected is None
             and (r := clf.classify(c.column, c.data_type, c.values)) and r.status == "accepted"]
    assert not wrong
