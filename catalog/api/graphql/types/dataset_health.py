"""What the SLA monitor knows of one dataset of a product."""

from __future__ import annotations

import strawberry

from catalog.sla.evaluate import DatasetStatus


@strawberry.type(description="Last successful update, last run, cadence and recent row "
                             "counts of a dataset (from OpenLineage runs).")
class DatasetHealth:
    dataset_id: strawberry.ID
    last_success: str | None
    last_run_state: str | None
    last_run_at: str | None
    cadence_seconds: float | None
    row_counts: list[int]

    @classmethod
    def of(cls, d: DatasetStatus) -> DatasetHealth:
        return cls(dataset_id=d.id, last_success=d.last_success,
                   last_run_state=d.last_run_state, last_run_at=d.last_run_at,
                   cadence_seconds=d.cadence_s, row_counts=d.row_counts)
