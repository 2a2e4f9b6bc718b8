from __future__ import annotations

import strawberry

from catalog.api.graphql.types.classification_impact import ClassificationImpact
from catalog.api.graphql.types.impact_group import ImpactGroup
from catalog.api.graphql.types.impacted_column import ImpactedColumn
from catalog.api.graphql.types.impacted_dataset import ImpactedDataset
from catalog.lineage.impact import Impact


@strawberry.type(description="Everything downstream of a dataset or column, grouped by domain, "
                             "data product and owner, with the classifications it carries.")
class ImpactAnalysis:
    root: strawberry.ID
    depth: int
    truncated: bool
    dataset_count: int
    column_count: int
    datasets: list[ImpactedDataset]
    columns: list[ImpactedColumn]
    by_domain: list[ImpactGroup]
    by_data_product: list[ImpactGroup]
    by_owner: list[ImpactGroup]
    classifications: list[ClassificationImpact]

    @classmethod
    def of(cls, i: Impact) -> ImpactAnalysis:
        return cls(root=strawberry.ID(i.root), depth=i.depth, truncated=i.truncated,
                   dataset_count=len(i.datasets), column_count=len(i.columns),
                   datasets=[ImpactedDataset.of(d) for d in i.datasets],
                   columns=[ImpactedColumn.of(c) for c in i.columns],
                   by_domain=[ImpactGroup.of(g) for g in i.by_domain],
                   by_data_product=[ImpactGroup.of(g) for g in i.by_product],
                   by_owner=[ImpactGroup.of(g) for g in i.by_owner],
                   classifications=[ClassificationImpact.of(c) for c in i.classifications])
