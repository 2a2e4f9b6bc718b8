from __future__ import annotations

from typing import Any

import strawberry

from catalog.api.graphql.types.node import Node, base_fields, mapper


@mapper("Owner")
@strawberry.type(description="A team or a person accountable for an entity.")
class Owner(Node):
    type: str | None = None
    email: str | None = None
    role: str | None = strawberry.field(default=None,
                                        description="The role on the ownership edge.")

    @classmethod
    def from_node(cls, row: dict[str, Any], role: str | None = None) -> Owner:
        return cls(**base_fields(row), type=row.get("type"), email=row.get("email"), role=role)
