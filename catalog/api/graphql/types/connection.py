"""Relay-style connections: edges with cursors, pageInfo and a total count."""

from __future__ import annotations

import base64
from typing import Generic, TypeVar

import strawberry

from graph.errors import InvalidInput

T = TypeVar("T")


def encode_cursor(node_id: str) -> str:
    return base64.urlsafe_b64encode(node_id.encode()).decode()


def decode_cursor(cursor: str | None) -> str | None:
    if cursor is None:
        return None
    try:
        return base64.urlsafe_b64decode(cursor.encode()).decode()
    except (ValueError, UnicodeDecodeError):
        raise InvalidInput("after", f"not a cursor this API issued: {cursor!r}") from None


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo
    total_count: int

    @classmethod
    def of(cls, items: list[T], ids: list[str], total: int, has_next: bool) -> Connection[T]:
        edges = [Edge(cursor=encode_cursor(i), node=n) for i, n in zip(ids, items, strict=True)]
        return cls(edges=edges, total_count=total,
                   page_info=PageInfo(has_next_page=has_next,
                                      end_cursor=edges[-1].cursor if edges else None))
