from __future__ import annotations

import strawberry

from catalog.api.graphql.types.entity_ref import EntityRef
from catalog.lineage.impact_model import ImpactedDataset as Impacted


@strawberry.type(description="A downstream dataset in its data product, domain and owners.")
class ImpactedDataset:
    id: strawberry.ID
    name: str | None
    kind: str | None
    degree: int
    domain: EntityRef | None
    data_product: EntityRef | None
    owners: list[EntityRef]
    classifications: list[EntityRef] = strawberry.field(
        description="Carried by the dataset or any of its columns (accepted or propagated).")
    classified_columns: int

    @classmethod
    def of(cls, d: Impacted) -> ImpactedDataset:
        return cls(id=strawberry.ID(d.id), name=d.name, kind=d.kind, degree=d.degree,
                   domain=EntityRef.of(d.domain), data_product=EntityRef.of(d.product),
                   owners=[EntityRef.of(o) for o in d.owners],
                   classifications=[EntityRef.of(c) for c in d.classifications],
                   classified_columns=d.classified_columns)
