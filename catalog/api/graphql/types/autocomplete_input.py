from __future__ import annotations

import strawberry

from catalog.api.graphql.types.search_kind import SearchKind


@strawberry.input
class AutocompleteInput:
    prefix: str = strawberry.field(description="What has been typed so far; its last word "
                                   "is completed, the words before it must match.")
    kinds: list[SearchKind] | None = None
    limit: int = 10
