from __future__ import annotations

import strawberry


@strawberry.type(description="A field of the hit (or of its dataset, product, domain or "
                 "columns) that holds a query term.")
class MatchedField:
    name: str = strawberry.field(description="name, description, tags, namespace, dataset, "
                                 "dataProduct, domain or columns")
    value: str
    highlight: str = strawberry.field(description="The value with matched parts in <em>.")

    @classmethod
    def from_match(cls, m) -> MatchedField:
        return cls(name=m.field, value=m.value, highlight=m.highlight)
