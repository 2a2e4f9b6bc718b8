"""What a query selects below the current field, so a resolver can fetch it at once."""

from __future__ import annotations

from collections.abc import Iterable

import strawberry
from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField


def _fields(selections: Iterable[object]) -> Iterable[SelectedField]:
    for sel in selections:
        if isinstance(sel, SelectedField):
            yield sel
        elif isinstance(sel, FragmentSpread | InlineFragment):
            yield from _fields(sel.selections)


def _names(selections: Iterable[object]) -> Iterable[str]:
    return (f.name for f in _fields(selections))


def asks_any(info: strawberry.Info, names: frozenset[str]) -> bool:
    """Whether the current field's selection (fragments included) names any of `names`."""
    return any(n in names for f in info.selected_fields for n in _names(f.selections))


def asked_below(info: strawberry.Info, child: str) -> set[str]:
    """The fields selected under the current field's `child` field (fragments included, in
    any of the places the query selects `child`)."""
    return {n for f in info.selected_fields for c in _fields(f.selections) if c.name == child
            for n in _names(c.selections)}
