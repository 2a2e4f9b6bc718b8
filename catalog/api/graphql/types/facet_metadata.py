from __future__ import annotations

import strawberry

from catalog.api.graphql.types.aggregation_metadata import AggregationMetadata


@strawberry.type(description="Counts over the whole result set (not the page), under every "
                 "filter but this facet's own; at most 50 values, largest first.")
class FacetMetadata:
    field: str = strawberry.field(description="kind, domain, platform, tag or classification")
    aggregations: list[AggregationMetadata]

    @classmethod
    def from_facet(cls, f) -> FacetMetadata:
        return cls(field=f.field, aggregations=[
            AggregationMetadata(value=v.value, display_name=v.display_name, count=v.count)
            for v in f.values])
