from __future__ import annotations

import strawberry

from catalog.api.graphql.types.search_filters import SearchFilters
from catalog.api.graphql.types.search_kind import SearchKind


@strawberry.input
class SearchInput:
    query: str = strawberry.field(description="Words, identifiers (camelCase, snake_case, "
                                  "dotted), abbreviations, typos; empty or * for everything.")
    kinds: list[SearchKind] | None = None
    filters: SearchFilters | None = None
    first: int = 20
    after: str | None = strawberry.field(default=None,
                                         description="The endCursor of the previous page.")
    explain: bool = strawberry.field(default=False,
                                     description="Say why each hit scored what it did.")
