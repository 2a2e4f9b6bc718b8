from __future__ import annotations

from typing import Annotated

import strawberry

from catalog.api.graphql.arguments import argument_paths
from catalog.api.graphql.types.classification_impact import ClassificationImpact
from catalog.api.graphql.types.impact_group import ImpactGroup
from catalog.api.graphql.types.impacted_column import ImpactedColumn
from catalog.api.graphql.types.impacted_dataset import ImpactedDataset
from catalog.lineage.impact_model import Impact

First = Annotated[int | None, strawberry.argument(
    description="How many (null: all of them; a hub reaches tens of thousands: ask for a "
                "page).")]
After = Annotated[strawberry.ID | None, strawberry.argument(
    description="The id of the last one of the page before (null: from the start).")]


@strawberry.type(description="Everything downstream of a dataset or column, grouped by domain, "
                             "data product and owner, with the classifications it carries. "
                             "Counts, groups and classifications are over the whole result; "
                             "datasets and columns come a page at a time, nearest first "
                             "(by degree, then id).")
class ImpactAnalysis:
    root: strawberry.ID
    depth: int
    truncated: bool
    dataset_count: int
    column_count: int
    by_domain: list[ImpactGroup]
    by_data_product: list[ImpactGroup]
    by_owner: list[ImpactGroup]
    classifications: list[ClassificationImpact]
    impact: strawberry.Private[Impact]

    @strawberry.field(description="Impacted datasets, a page of them.")
    def datasets(self, first: First = None, after: After = None) -> list[ImpactedDataset]:
        with argument_paths("datasets"):
            return [ImpactedDataset.of(d) for d in self.impact.datasets(first, after)]

    @strawberry.field(description="Impacted columns, a page of them.")
    def columns(self, first: First = None, after: After = None) -> list[ImpactedColumn]:
        with argument_paths("columns"):
            return [ImpactedColumn.of(c) for c in self.impact.columns(first, after)]

    @classmethod
    def of(cls, i: Impact) -> ImpactAnalysis:
        return cls(root=strawberry.ID(i.root), depth=i.depth, truncated=i.truncated,
                   dataset_count=i.dataset_count, column_count=i.column_count,
                   by_domain=[ImpactGroup.of(g) for g in i.by_domain],
                   by_data_product=[ImpactGroup.of(g) for g in i.by_product],
                   by_owner=[ImpactGroup.of(g) for g in i.by_owner],
                   classifications=[ClassificationImpact.of(c) for c in i.classifications],
                   impact=i)
