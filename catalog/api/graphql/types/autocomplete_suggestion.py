from __future__ import annotations

import strawberry

from catalog.api.graphql.context import Context
from catalog.api.graphql.types.node import Node, to_node
from catalog.api.graphql.types.search_kind import SearchKind


@strawberry.type(description="A name that completes the prefix (one per kind and name).")
class AutocompleteSuggestion:
    text: str
    kind: SearchKind
    id: strawberry.ID
    highlight: str = strawberry.field(description="The text with the typed parts in <em>.")

    @strawberry.field
    async def entity(self, info: strawberry.Info[Context, None]) -> Node | None:
        return to_node(await info.context.loaders.node.load(str(self.id)))

    @classmethod
    def from_hit(cls, s) -> AutocompleteSuggestion:
        return cls(text=s.text, kind=SearchKind[s.kind.name], id=strawberry.ID(s.id),
                   highlight=s.highlight)
