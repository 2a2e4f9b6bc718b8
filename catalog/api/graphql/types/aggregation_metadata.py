from __future__ import annotations

import strawberry


@strawberry.type
class AggregationMetadata:
    value: str = strawberry.field(description="What to pass back in a filter (an id, a "
                                  "platform or a kind).")
    display_name: str
    count: int
