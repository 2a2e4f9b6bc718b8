from __future__ import annotations

import strawberry

from catalog.api.graphql.context import Context
from catalog.api.graphql.types.connection import encode_cursor
from catalog.api.graphql.types.matched_field import MatchedField
from catalog.api.graphql.types.node import Node, to_node
from catalog.api.graphql.types.search_explanation import SearchExplanation
from catalog.api.graphql.types.search_kind import SearchKind


def search_cursor(position: int) -> str:
    return encode_cursor(f"search:{position}")


@strawberry.type
class SearchHit:
    id: strawberry.ID
    kind: SearchKind
    score: float
    cursor: str
    matched_fields: list[MatchedField]
    highlight: str | None = strawberry.field(
        description="The best matched field with its matched parts in <em>.")
    explanation: SearchExplanation | None = strawberry.field(
        description="Null unless the search asked to explain.")

    @strawberry.field(description="The entity (null if it went away since the search).")
    async def entity(self, info: strawberry.Info[Context, None]) -> Node | None:
        return to_node(await info.context.loaders.node.load(str(self.id)))

    @classmethod
    def from_hit(cls, hit) -> SearchHit:
        return cls(id=strawberry.ID(hit.id), kind=SearchKind[hit.kind.name], score=hit.score,
                   cursor=search_cursor(hit.position),
                   matched_fields=[MatchedField.from_match(m) for m in hit.matched_fields],
                   highlight=hit.highlight,
                   explanation=(SearchExplanation.from_explanation(hit.explanation)
                                if hit.explanation else None))
