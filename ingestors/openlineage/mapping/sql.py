"""Column lineage parsed from a job's `sql` facet, for events that bring SQL but no
`columnLineage` facet: `ingestors.sql` (sqlglot) in the facet's dialect, else the platform
of the event's namespaces. Edges are marked `source=sql-parse`, with their transformations
and a confidence; a query that does not parse is recorded on the job (`sql_parse_error`).

A table named in the SQL counts when it is one the event declares (same name, or a name
ending in `.<table>`) or a dataset the graph knows in the event's namespaces, with columns:
lineage is never invented towards tables nobody reported. A plain SELECT in an event with
one output maps its select list onto that output's columns.
"""

from __future__ import annotations

from typing import Any

from graph import Label, Rel
from graph.labels import split_column_id
from identity import ids, platforms
from ingestors.openlineage.events import DatasetRef
from ingestors.openlineage.mapping import naming
from ingestors.openlineage.mapping.columns import column, walk
from ingestors.openlineage.mapping.context import Context
from ingestors.openlineage.mapping.plan import SQL_SOURCE
from ingestors.sql import Lineage, SqlParseError, TableRef
from ingestors.sql.analyze import analyze_all
from ingestors.sql.resolve import TableResolver
from ingestors.sql_lineage import column_edges, edge_props, parse_status, table_edges


def dialect_of(facet: dict[str, Any], refs: list[DatasetRef]) -> str | None:
    """sqlglot's dialect: the facet's `dialect`, else the platform of the event's datasets."""
    for candidate in [facet.get("dialect"), *(naming.platform(r.namespace) for r in refs)]:
        if isinstance(candidate, str) and (dialect := platforms.sqlglot_dialect(candidate)):
            return dialect
    return None


def _names(ref: TableRef) -> list[str]:
    parts = ref.parts()
    return [".".join(parts[i:]).lower() for i in range(len(parts))]


def _fields(ref: DatasetRef) -> list[str] | None:
    facet = ref.facets.get("schema")
    if not isinstance(facet, dict) or facet.get("_deleted"):
        return None
    return [path for path, parent, _ in walk(facet.get("fields")) if parent is None] or None


def map_sql(ctx: Context) -> None:
    event = ctx.event
    facet = event.job.facets.get("sql") if event.job else None
    if not isinstance(facet, dict) or not isinstance(facet.get("query"), str):
        return
    if not event.outputs or any("columnLineage" in ref.facets for ref in event.outputs):
        return
    refs = [*event.outputs, *event.inputs]
    dialect = dialect_of(facet, refs)
    declared = {ctx.ref(r): r for r in refs}
    known = {ds: cols for ds, r in declared.items() if (cols := _fields(r))}
    spaces = list(dict.fromkeys(r.namespace for r in refs))

    def candidates(t: TableRef) -> list[str]:
        names = _names(t)
        found = [ds for ds, r in declared.items()
                 if r.name.lower() in names or r.name.lower().endswith("." + names[-1])]
        if len(found) == 1:
            return found
        return [ctx.canonical(ids.dataset_id(ns, str(t))) for ns in spaces]

    resolver = TableResolver(candidates, known=known, read=ctx.state.read)
    only = ctx.ref(event.outputs[0]) if len(event.outputs) == 1 else None
    job = event.job.id
    # unqualified tables default to the output's database and schema (the connection the
    # job ran on), for datasets the graph knows but the event does not declare
    parts = event.outputs[0].name.split(".")
    database, schema = ([None, None] + parts[:-1])[-2:] if len(parts) > 1 else (None, None)
    try:
        found = analyze_all(facet["query"], dialect, resolve=resolver,
                            default_database=database, default_schema=schema,
                            output_columns=known.get(only) if only else None)
    except SqlParseError as exc:
        ctx.plan.node(Label.JOB, job, **parse_status(None, str(exc), dialect))
        return
    ctx.plan.node(Label.JOB, job, **parse_status(
        min(found, key=lambda lin: lin.confidence), None, dialect))
    for lineage in found:  # a script or a multi-table INSERT: each statement's own output
        _write(ctx, lineage, resolver, declared, only if len(found) == 1 else None, job)


def _write(ctx: Context, lineage: Lineage, resolver: TableResolver,
           declared: dict[str, DatasetRef], only: str | None, job: str) -> None:
    """Column edges of one statement into the declared output it writes (or, for a lone
    statement, the event's only output)."""
    outputs = {ctx.ref(r) for r in ctx.event.outputs}
    target = resolver.dataset(lineage.output) if lineage.output is not None else None
    output = target if target in outputs else only
    if output is None:
        return

    def dataset_of(t: TableRef) -> str | None:
        ds = resolver.dataset(t)  # declared by the event, or known to the graph
        return ds if ds is not None and (ds in declared or resolver.columns(ds)) else None

    edges = column_edges(lineage, output=output, dataset_of=dataset_of,
                         output_columns=resolver.columns(output),
                         input_columns=resolver.columns)
    if not edges:
        return
    wide = table_edges(lineage, output=output, dataset_of=dataset_of,
                       input_columns=resolver.columns)
    content = [[o, i, [str(t) for t in ts]] for (o, i), ts in sorted(
        [*edges.items(), *wide.items()])]
    if ctx.changed("lineage", output, content, salt=f"sql:{job}") is None:
        return
    for (out, in_col), trs in [*edges.items(), *wide.items()]:
        in_ds, in_name = split_column_id(in_col)
        out_ds, out_name = split_column_id(out)
        src = column(ctx, out_ds, out_name) if out_name else out  # or the output dataset
        ctx.plan.edge(Rel.DERIVES_FROM, src, column(ctx, in_ds, in_name),
                      source=SQL_SOURCE,
                      **edge_props(trs, job=job, confidence=lineage.confidence))
