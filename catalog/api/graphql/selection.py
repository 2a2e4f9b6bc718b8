"""What a query selects below the current field, so a resolver can fetch it at once."""

from __future__ import annotations

from collections.abc import Iterable

import strawberry
from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField


def _names(selections: Iterable[object]) -> Iterable[str]:
    for sel in selections:
        if isinstance(sel, SelectedField):
            yield sel.name
        elif isinstance(sel, FragmentSpread | InlineFragment):
            yield from _names(sel.selections)


def asks_any(info: strawberry.Info, names: frozenset[str]) -> bool:
    """Whether the current field's selection (fragments included) names any of `names`."""
    return any(n in names for f in info.selected_fields for n in _names(f.selections))
