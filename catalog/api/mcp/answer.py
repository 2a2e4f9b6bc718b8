"""Answers sized for a model's context: a short summary line first, then compact JSON with
stable ids, a page of items at most and a cursor to ask for the next page.

A page is cut to the caller's `limit` (at most `mcp_page_size`), and again until the text
fits `mcp_max_chars`; `next_cursor` says where the next page starts."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from enum import Enum
from typing import Any

import orjson
from mcp.server.mcpserver.exceptions import ToolError

from catalog.settings import Settings


def _default(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {k: v for k, v in dataclasses.asdict(value).items() if v not in (None, [], {})}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    return str(value)


def dumps(doc: Any) -> str:
    return orjson.dumps(doc, default=_default).decode()


def page_size(settings: Settings, limit: int | None) -> int:
    most = settings.mcp_page_size
    if limit is None:
        return most
    if not 1 <= limit <= most:
        raise ToolError(f"limit must be between 1 and {most}, got {limit}")
    return limit


def offset_of(cursor: str | None) -> int:
    if cursor in (None, ""):
        return 0
    if not cursor.isdigit():
        raise ToolError(f"cursor {cursor!r} is not one this server gave")
    return int(cursor)


def render(summary: str, doc: dict[str, Any]) -> str:
    return f"{summary}\n{dumps(doc)}"


class Mapped(Sequence[Any]):
    """`fn` over `items`, applied only to what a page reads (an impact analysis of a hub
    reaches thousands of datasets; a page shows a few)."""

    def __init__(self, items: Sequence[Any], fn: Callable[[Any], Any]) -> None:
        self._items, self._fn = items, fn

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self._fn(x) for x in self._items[i]]
        return self._fn(self._items[i])


def paged(settings: Settings, summary: str, key: str, items: Sequence[Any], *,
          limit: int | None, cursor: str | None, extra: dict[str, Any] | None = None) -> str:
    """`items[cursor:cursor+limit]` under `key`, cut further until the text fits."""
    start = offset_of(cursor)
    n = page_size(settings, limit)
    while True:
        page = list(items[start:start + n])
        end = start + len(page)
        doc = {**(extra or {}), key: page, "total": len(items),
               "next_cursor": str(end) if end < len(items) else None}
        text = render(summary + _range(start, end, len(items)), doc)
        if len(text) <= settings.mcp_max_chars or n <= 1:
            return text
        n = max(1, n // 2)


def fit(settings: Settings, summary: str, doc: dict[str, Any]) -> str:
    """An answer that is not a list: refused when it would not fit (narrow the question)."""
    text = render(summary, doc)
    if len(text) > settings.mcp_max_chars:
        raise ToolError(f"the answer is {len(text)} characters, over the limit of "
                        f"{settings.mcp_max_chars}; narrow the question")
    return text


def _range(start: int, end: int, total: int) -> str:
    if total == 0 or (start == 0 and end == total):
        return ""
    more = "; pass next_cursor for more" if end < total else ""
    return f" (items {start + 1}-{end} of {total}{more})"
