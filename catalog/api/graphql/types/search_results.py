from __future__ import annotations

import strawberry

from catalog.api.graphql.types.connection import PageInfo
from catalog.api.graphql.types.facet_metadata import FacetMetadata
from catalog.api.graphql.types.search_hit import SearchHit


@strawberry.type
class SearchResults:
    query: str
    total: int = strawberry.field(description="Hits over all pages.")
    hits: list[SearchHit]
    page_info: PageInfo
    facets: list[FacetMetadata]

    @classmethod
    def from_result(cls, r) -> SearchResults:
        hits = [SearchHit.from_hit(h) for h in r.hits]
        return cls(query=r.query, total=r.total, hits=hits,
                   page_info=PageInfo(has_next_page=r.has_next,
                                      end_cursor=hits[-1].cursor if hits else None),
                   facets=[FacetMetadata.from_facet(f) for f in r.facets])
