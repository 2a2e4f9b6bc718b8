"""Checks on rows before any query runs: property values Bolt and both engines store."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from graph.errors import InvalidInput
from graph.labels import Label, label_of

_SCALARS = (str, int, float, bool)
RESERVED = frozenset({"id", "first_seen", "last_seen", "valid_to", "source", "scope"})


def now_iso() -> str:
    """UTC timestamps as fixed-width ISO strings: they sort and compare as text."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def to_iso(value: datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def json_prop(value: Any) -> str:
    """Maps and nested lists are kept as JSON text (Neo4j stores no map properties)."""
    return json.dumps(value, sort_keys=True, default=str)


def from_json_prop(value: Any) -> Any:
    """The value of a property json_prop() wrote; other values (and text that is not JSON)
    as they are."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def check_value(path: str, value: Any) -> Any:
    if value is None or isinstance(value, _SCALARS):
        return value
    if isinstance(value, datetime):
        return to_iso(value)
    if isinstance(value, list | tuple):
        items = list(value)
        kinds = {type(v) for v in items}
        if all(isinstance(v, _SCALARS) for v in items) and len(kinds) <= 1:
            return items
        raise InvalidInput(path, "lists must hold values of one scalar type; "
                                 "use json_prop() for nested data")
    raise InvalidInput(path, f"unsupported property type {type(value).__name__}; "
                             "use json_prop() for maps")


def check_props(path: str, props: Mapping[str, Any] | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in (props or {}).items():
        if not isinstance(key, str) or not key.isidentifier():
            raise InvalidInput(f"{path}.{key}", "property names must be identifiers")
        if key in RESERVED:
            raise InvalidInput(f"{path}.{key}", "is set by the store (id and provenance)")
        out[key] = check_value(f"{path}.{key}", value)
    return out


def node_rows(label: Label, rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Rows of {id, **props} -> [{id, props}] after checking ids belong to `label`."""
    out = []
    for i, row in enumerate(rows):
        if "id" not in row:
            raise InvalidInput(f"rows[{i}].id", "missing")
        node_id = row["id"]
        try:
            actual = label_of(node_id)
        except InvalidInput as exc:
            raise InvalidInput(f"rows[{i}].id", exc.reason) from None
        if actual is not label:
            raise InvalidInput(f"rows[{i}].id", f"{node_id!r} is a {actual} id, not a {label} id")
        props = {k: v for k, v in row.items() if k != "id"}
        out.append({"id": node_id, "props": check_props(f"rows[{i}]", props)})
    return out
