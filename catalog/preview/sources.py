"""Which preview source holds a dataset: the one whose naming gives the dataset its id.

A source names tables as the database ingestor does (`DatabaseNaming` from its URL and
`naming` overrides), so a dataset harvested by a recipe with the same URL (or overrides)
is found by recomputing its id from (schema, table): first the ones the harvest stored on
the node, else the ones its name spells.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import URL

from catalog.preview.config import PreviewSource
from catalog.preview.errors import PreviewSourceError
from identity import ids
from identity.namespaces import DatabaseNaming
from ingestors.recipe import RecipeError


@dataclass(frozen=True)
class Table:
    """Where a dataset's rows are: its source, and the schema and table to select from."""

    source: PreviewSource
    url: URL
    schema: str | None
    table: str


def naming_of(source: PreviewSource) -> tuple[URL, DatabaseNaming]:
    try:
        url = source.resolved_url()
    except RecipeError as exc:  # an unset ${ENV}
        raise PreviewSourceError(source.label, "; ".join(m for _, m in exc.errors)) from None
    except Exception as exc:  # an unparsable URL
        raise PreviewSourceError(source.label, f"bad URL ({exc.__class__.__name__})") from None
    o = source.naming
    return url, DatabaseNaming.from_url(url, host=o.host, port=o.port, database=o.database)


def _candidates(node: dict[str, Any]) -> Iterable[tuple[str | None, str]]:
    """(schema, table) pairs the dataset may be: as harvested, then as its name reads."""
    if node.get("table"):
        yield node.get("schema"), node["table"]
    _, name = ids.split_dataset_id(node["id"])
    parts = name.split(".")
    if len(parts) >= 2:
        yield parts[-2], parts[-1]
    yield None, parts[-1]


def locate(sources: Sequence[PreviewSource], node: dict[str, Any],
           problems: list[str] | None = None) -> Table | None:
    """The first source (in settings order) whose naming gives this dataset's id; what
    kept a source from being named (an unset ${ENV}) is appended to `problems`."""
    dataset_id = node["id"]
    for source in sources:
        try:
            url, naming = naming_of(source)
        except PreviewSourceError as exc:
            if problems is not None:
                problems.append(str(exc))
            continue
        for schema, table in _candidates(node):
            if naming.dataset(schema, table) == dataset_id:
                return Table(source, url, schema, table)
    return None
