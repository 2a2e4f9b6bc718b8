from __future__ import annotations

import strawberry

from catalog.lineage.impact_model import ImpactFilters


@strawberry.input(description="Impact of changing a dataset or column; the filters narrow "
                              "what is reported, not what is walked.")
class ImpactAnalysisInput:
    id: strawberry.ID = strawberry.field(description="A dataset or a column.")
    depth: int | None = strawberry.field(default=None,
                                         description="Hops (default: the maximum depth).")
    kinds: list[str] | None = strawberry.field(default=None,
                                               description="Dataset kinds: table, view, ...")
    domains: list[str] | None = strawberry.field(default=None, description="Ids or names.")
    data_products: list[str] | None = strawberry.field(default=None,
                                                       description="Ids or names.")
    classifications: list[str] | None = strawberry.field(
        default=None, description='Names or ids; "PII" also matches "PII.Email".')

    def filters(self) -> ImpactFilters:
        return ImpactFilters(kinds=self.kinds, domains=self.domains,
                             products=self.data_products, classifications=self.classifications)
