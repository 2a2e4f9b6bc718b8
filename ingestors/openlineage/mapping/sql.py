"""Column lineage parsed from a job's `sql` facet by openlineage-sql, for events that bring
SQL but no `columnLineage` facet. Edges are marked `source=sql-parse`.

Table names in SQL carry no namespace, so a parsed table counts only when it matches one
dataset the event itself declares (same name, or a name ending in `.<table>`): lineage is
never invented towards tables the producer did not report.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import Any

import openlineage_sql

from identity import platforms
from ingestors.openlineage.events import DatasetRef
from ingestors.openlineage.mapping import naming
from ingestors.openlineage.mapping.column_lineage import write_edges
from ingestors.openlineage.mapping.columns import column
from ingestors.openlineage.mapping.context import Context
from ingestors.openlineage.mapping.plan import SQL_SOURCE


@lru_cache(maxsize=2048)
def parse(query: str, dialect: str | None) -> Any:
    return openlineage_sql.parse([query], dialect=dialect)


def dialect_of(facet: dict[str, Any], outputs: list[DatasetRef]) -> str | None:
    for candidate in [facet.get("dialect"), *(naming.platform(o.namespace) for o in outputs)]:
        if isinstance(candidate, str) and (dialect := platforms.sql_dialect(candidate, None)):
            return dialect
    return None


def _match(table: Any, refs: list[DatasetRef]) -> DatasetRef | None:
    if table is None:
        return None
    wanted = str(table.qualified_name).lower()
    found = [r for r in refs if r.name.lower() == wanted or r.name.lower().endswith("." + wanted)]
    return found[0] if len(found) == 1 else None


def map_sql(ctx: Context) -> None:
    event = ctx.event
    facet = event.job.facets.get("sql") if event.job else None
    if not isinstance(facet, dict) or not isinstance(facet.get("query"), str):
        return
    if not event.outputs or not event.inputs:
        return
    if any("columnLineage" in ref.facets for ref in event.outputs):
        return
    try:
        meta = parse(facet["query"], dialect_of(facet, event.outputs))
    except Exception:  # noqa: BLE001 - a parser failure must not refuse the event
        return
    only_out = _match(meta.out_tables[0], event.outputs) if len(meta.out_tables) == 1 else None
    pairs = set()
    for lineage in meta.column_lineage:
        out_ref = _match(lineage.descendant.origin, event.outputs) or only_out
        for source in lineage.lineage if out_ref is not None else []:
            in_ref = _match(source.origin, event.inputs)
            if in_ref is not None:
                pairs.add((ctx.ref(out_ref), lineage.descendant.name, ctx.ref(in_ref),
                           source.name))
    if not pairs:
        return
    if only_out is not None and ctx.changed(
            "lineage", ctx.ref(only_out), sorted(pairs), salt=f"sql:{event.job.id}") is None:
        return
    edges: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for out_ds, out_name, in_ds, in_name in sorted(pairs):
        edges[(column(ctx, out_ds, out_name), column(ctx, in_ds, in_name))] = []
    write_edges(ctx, edges, source=SQL_SOURCE)
