"""The SLA evaluation of one product from its datasets' records (pure; no engine)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from catalog.sla.evaluate import (
    FAILED_RUN,
    FAILING,
    HEALTHY,
    LATE,
    MISSED_FRESHNESS,
    UNKNOWN,
    VOLUME_DROP,
    duration_s,
    evaluate,
)

NOW = datetime(2026, 1, 2, 12, 0, tzinfo=UTC)
PRODUCT = {"id": "product:d/p", "sla": '{"freshness": "24h"}'}


def rec(last_success="2026-01-02T06:00:00Z", state="COMPLETE",
        at="2026-01-02T06:00:00Z", counts=()) -> dict:
    return {"id": "dataset:x:y", "last_success": last_success, "last_run_state": state,
            "last_run_at": at, "updates": ["2026-01-01T06:00:00Z", "2026-01-02T06:00:00Z"],
            "row_counts": list(counts)}


@pytest.mark.parametrize(("text", "seconds"), [("24h", 86400), ("15m", 900), ("2d", 172800),
                                               ("P1D", 86400), ("PT6H", 21600), ("soon", None),
                                               (None, None)])
def test_durations(text, seconds):
    assert duration_s(text) == seconds


def test_no_records_is_unknown():
    assert evaluate(PRODUCT, ["dataset:x:y"], {}, NOW).state == UNKNOWN


def test_fresh_is_healthy_with_cadence():
    h = evaluate(PRODUCT, ["dataset:x:y"], {"dataset:x:y": rec()}, NOW)
    assert h.state == HEALTHY and not h.causes
    assert h.due_at == "2026-01-03T06:00:00Z" and h.datasets[0].cadence_s == 86400


def test_late_when_last_success_older_than_freshness():
    h = evaluate(PRODUCT, ["dataset:x:y"],
                 {"dataset:x:y": rec("2026-01-01T06:00:00Z", at="2026-01-01T06:00:00Z")}, NOW)
    assert h.state == LATE and [c.kind for c in h.causes] == [MISSED_FRESHNESS]
    assert h.causes[0].started_at == "2026-01-02T06:00:00Z"  # when it became late


def test_failed_last_run_is_failing_and_the_incident_id_names_the_run_time():
    h = evaluate(PRODUCT, ["dataset:x:y"],
                 {"dataset:x:y": rec(state="FAIL", at="2026-01-02T07:00:00Z")}, NOW)
    assert h.state == FAILING and [c.kind for c in h.causes] == [FAILED_RUN]
    assert h.causes[0].incident_id("p") == "incident:p|failed_run|2026-01-02T07:00:00Z"


def test_volume_drop_against_the_recent_median():
    ok = evaluate(PRODUCT, ["dataset:x:y"], {"dataset:x:y": rec(counts=[100, 110, 90, 60])},
                  NOW)
    assert ok.state == HEALTHY and ok.completeness == 0.6
    drop = evaluate(PRODUCT, ["dataset:x:y"], {"dataset:x:y": rec(counts=[100, 110, 90, 40])},
                    NOW)
    assert drop.state == FAILING and [c.kind for c in drop.causes] == [VOLUME_DROP]
