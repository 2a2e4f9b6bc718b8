from __future__ import annotations

import strawberry

from catalog.lineage.impact_model import ImpactGroup as Group


@strawberry.type(description="Impacted datasets and columns of one domain, data product or "
                             "owner (id null: those without one).")
class ImpactGroup:
    id: strawberry.ID | None
    name: str | None
    datasets: list[strawberry.ID]
    dataset_count: int
    column_count: int
    classified_column_count: int

    @classmethod
    def of(cls, g: Group) -> ImpactGroup:
        return cls(id=strawberry.ID(g.id) if g.id else None, name=g.name,
                   datasets=g.datasets,  # ids as they are (no copy of a hub's thousands)
                   dataset_count=len(g.datasets), column_count=g.columns,
                   classified_column_count=g.classified_columns)
