"""Cached loader of the parameterised .cypher files, one per operation.

Placeholders `__LABEL__`, `__SRC__`, `__DST__` and `__REL__` are the only interpolation:
they accept Label and Rel enum members, never strings from input.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from graph.labels import Label, Rel

_SLOTS = {"label": "__LABEL__", "src": "__SRC__", "dst": "__DST__", "rel": "__REL__"}


@cache
def _text(name: str) -> str:
    return resources.files(__package__).joinpath(f"{name}.cypher").read_text()


@cache
def cypher(name: str, **slots: Label | Rel) -> str:
    """The statement of `name`.cypher with its enum slots filled in."""
    text = _text(name)
    for key, value in slots.items():
        if key not in _SLOTS:
            raise KeyError(f"unknown slot {key!r} in cypher({name!r})")
        if not isinstance(value, Label | Rel):
            raise TypeError(f"slot {key} of {name}.cypher takes a Label or Rel, got {value!r}")
        text = text.replace(_SLOTS[key], value.value)
    missing = [tok for tok in _SLOTS.values() if tok in text]
    if missing:
        raise KeyError(f"cypher({name!r}) left slots unfilled: {missing}")
    return text
