from __future__ import annotations

import strawberry

from catalog.api.graphql.types.entity_ref import EntityRef
from catalog.lineage.impact import ClassificationImpact as Found


@strawberry.type(description="Which impacted columns and datasets carry a classification.")
class ClassificationImpact:
    classification: EntityRef
    columns: list[strawberry.ID]
    datasets: list[strawberry.ID]

    @classmethod
    def of(cls, c: Found) -> ClassificationImpact:
        return cls(classification=EntityRef.of(c.classification),
                   columns=[strawberry.ID(i) for i in c.columns],
                   datasets=[strawberry.ID(i) for i in c.datasets])
