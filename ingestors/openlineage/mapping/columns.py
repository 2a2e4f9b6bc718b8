"""The `schema` facet to Columns: nested fields become dotted paths (`address.city`).

Columns are written only when a dataset's schema differs from the one last written
(a hash on the dataset): every run of a job resends the same schema.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graph import Label, Rel
from identity import ids
from ingestors.openlineage.events import DatasetRef
from ingestors.openlineage.mapping import governance
from ingestors.openlineage.mapping.context import Context


def column(ctx: Context, dataset: str, path: str) -> str:
    """A column known only by reference (column lineage, a tag): created if missing."""
    col = ids.column_id(dataset, path)
    ctx.plan.stub(Label.COLUMN, col, name=path.rsplit(".", 1)[-1], path=path)
    ctx.plan.edge(Rel.HAS_COLUMN, dataset, col)
    return col


def walk(fields: Any, parent: str | None = None
         ) -> Iterator[tuple[str, str | None, dict[str, Any]]]:
    """(path, parent path, field) depth first, in the order the facet lists them."""
    for fld in fields if isinstance(fields, list) else []:
        if not isinstance(fld, dict) or not isinstance(fld.get("name"), str) or \
                not fld["name"]:
            continue
        path = f"{parent}.{fld['name']}" if parent else fld["name"]
        yield path, parent, fld
        yield from walk(fld.get("fields"), path)


def map_schema(ctx: Context, ref: DatasetRef, dataset: str) -> None:
    facet = ref.facets.get("schema")
    if not isinstance(facet, dict) or facet.get("_deleted"):
        return
    if ctx.changed("schema", dataset, facet) is None:
        return
    # ordinal: the position in the schema read depth first (nested fields follow their parent)
    for ordinal, (path, parent, fld) in enumerate(walk(facet.get("fields")), 1):
        col = ids.column_id(dataset, path)
        ctx.plan.node(Label.COLUMN, col, name=fld["name"], path=path,
                      type=fld.get("type"), description=fld.get("description"),
                      ordinal=ordinal, parent=parent)
        ctx.plan.columns[col] = dataset  # written with its HAS_COLUMN edge
        governance.field_tags(ctx, col, fld.get("tags"))
