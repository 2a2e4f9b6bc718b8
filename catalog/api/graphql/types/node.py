"""The Node interface, provenance fields every entity shares, and the mapper registry."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import strawberry


@strawberry.interface(description="Anything in the catalog, addressed by its stable id.")
class Node:
    id: strawberry.ID
    name: str | None = None
    source: str | None = strawberry.field(default=None,
                                          description="Which ingestor last wrote it.")
    first_seen: str | None = None
    last_seen: str | None = None
    valid_to: str | None = strawberry.field(
        default=None, description="When a later harvest stopped seeing it (null: current).")


MAPPERS: dict[str, Callable[[dict[str, Any]], Node]] = {}


def mapper(label: str):
    """Register `cls.from_node` as the mapper of a label's rows."""
    def register(cls):
        MAPPERS[label] = cls.from_node
        return cls
    return register


def base_fields(row: dict[str, Any]) -> dict[str, Any]:
    return {"id": strawberry.ID(row["id"]), "name": row.get("name"),
            "source": row.get("source"), "first_seen": row.get("first_seen"),
            "last_seen": row.get("last_seen"), "valid_to": row.get("valid_to")}


def to_node(row: dict[str, Any] | None) -> Node | None:
    if row is None:
        return None
    return MAPPERS[row["label"]](row)
