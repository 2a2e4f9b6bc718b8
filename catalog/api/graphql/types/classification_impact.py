from __future__ import annotations

import strawberry

from catalog.api.graphql.types.entity_ref import EntityRef
from catalog.lineage.impact_model import ClassificationImpact as Found


@strawberry.type(description="Which impacted columns and datasets carry a classification.")
class ClassificationImpact:
    classification: EntityRef
    columns: list[strawberry.ID]
    datasets: list[strawberry.ID]
    column_count: int
    dataset_count: int

    @classmethod
    def of(cls, c: Found) -> ClassificationImpact:
        return cls(classification=EntityRef.of(c.classification),
                   columns=c.columns, datasets=c.datasets,  # ids as they are
                   column_count=len(c.columns), dataset_count=len(c.datasets))
