"""A data product's health against its SLA."""

from __future__ import annotations

import strawberry

from catalog.api.graphql.types.dataset_health import DatasetHealth
from catalog.sla.evaluate import Health


@strawberry.type(description="healthy, late, failing or unknown, with freshness against "
                             "sla.freshness and completeness from row counts.")
class ProductHealth:
    product_id: strawberry.ID
    state: str
    freshness_seconds: float | None
    last_update: str | None
    due_at: str | None
    completeness: float | None
    causes: list[str]
    datasets: list[DatasetHealth]

    @classmethod
    def of(cls, h: Health) -> ProductHealth:
        return cls(product_id=h.product, state=h.state, freshness_seconds=h.freshness_s,
                   last_update=h.last_update, due_at=h.due_at, completeness=h.completeness,
                   causes=[c.reason for c in h.causes],
                   datasets=[DatasetHealth.of(d) for d in h.datasets])
