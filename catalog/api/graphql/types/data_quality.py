"""Data quality of a dataset, as its last run or harvest reported it: OpenLineage
dataQualityAssertions/Metrics and statistics facets, dbt tests with their results."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.scalars import JSON

from graph.props import from_json_prop


@strawberry.type(description="One quality check on a dataset (or one of its columns).")
class QualityAssertion:
    assertion: str | None
    column: str | None
    success: bool | None = strawberry.field(description="null: not run (yet)")
    status: str | None = strawberry.field(description="The producer's own word (pass, fail, ...)")
    test: str | None = strawberry.field(description="The check's id where the producer has one")

    @classmethod
    def of(cls, a: dict[str, Any]) -> QualityAssertion:
        success = a.get("success")
        status = a.get("status") or (None if success is None else "pass" if success else "fail")
        return cls(assertion=a.get("assertion"), column=a.get("column"), success=success,
                   status=status, test=a.get("test"))


@strawberry.type(description="What is known of a dataset's quality.")
class DataQuality:
    passed: bool | None = strawberry.field(
        description="Every assertion succeeded (null: no assertion has a result).")
    assertions: list[QualityAssertion]
    metrics: JSON | None = strawberry.field(description="dataQualityMetrics as reported")
    row_count: float | None
    reported_by: str | None = strawberry.field(description="The run that reported them.")

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> DataQuality | None:
        raw = from_json_prop(row.get("quality_assertions")) or []
        assertions = [QualityAssertion.of(a) for a in raw if isinstance(a, dict)]
        metrics = from_json_prop(row.get("quality_metrics"))
        if not assertions and metrics is None and row.get("row_count") is None:
            return None
        known = [a.success for a in assertions if a.success is not None]
        passed = row.get("quality_passed")
        if passed is None and known:
            passed = all(known)
        return cls(passed=passed, assertions=assertions, metrics=metrics,
                   row_count=row.get("row_count"), reported_by=row.get("stats_run"))
