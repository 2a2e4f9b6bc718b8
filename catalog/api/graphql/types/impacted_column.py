from __future__ import annotations

import strawberry

from catalog.api.graphql.types.entity_ref import EntityRef
from catalog.lineage.impact_model import ImpactedColumn as Impacted


@strawberry.type(description="A downstream column and the classifications it carries.")
class ImpactedColumn:
    id: strawberry.ID
    name: str
    dataset: strawberry.ID
    degree: int
    classifications: list[EntityRef]

    @classmethod
    def of(cls, c: Impacted) -> ImpactedColumn:
        return cls(id=strawberry.ID(c.id), name=c.name, dataset=strawberry.ID(c.dataset),
                   degree=c.degree, classifications=[EntityRef.of(r) for r in c.classifications])
