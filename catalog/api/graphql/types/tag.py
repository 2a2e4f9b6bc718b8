from __future__ import annotations

from typing import Any

import strawberry

from catalog.api.graphql.types.node import Node, base_fields, mapper


@mapper("Tag")
@strawberry.type
class Tag(Node):
    description: str | None = None

    @classmethod
    def from_node(cls, row: dict[str, Any]) -> Tag:
        return cls(**base_fields(row), description=row.get("description"))
