"""SQL -> lineage through openlineage-sql, shared by view definitions and dbt models.

A statement that reads tables and produces one output becomes a Job with READS/WRITES,
FEEDS edges (carrying the job ids) and DERIVES_FROM column edges where the parser traced a
column. These edges are marked `sql-parse`: they come from reading SQL, not from a system
that reported them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

import openlineage_sql

from graph import Rel
from identity import ids
from ingestors.base import Harvest

log = logging.getLogger(__name__)
SQL_PARSE = "sql-parse"


@dataclass(frozen=True)
class TableRef:
    database: str | None
    schema: str | None
    name: str


@dataclass
class ParsedSql:
    inputs: list[TableRef] = field(default_factory=list)
    # output column -> [(input table, input column)]
    columns: dict[str, list[tuple[TableRef, str]]] = field(default_factory=dict)


def _ref(meta: object) -> TableRef:
    return TableRef(getattr(meta, "database", None), getattr(meta, "schema", None),
                    meta.name)  # type: ignore[attr-defined]


def parse_sql(sql: str, dialect: str) -> ParsedSql | None:
    """Tables read and column lineage of one statement; None when it does not parse.

    Unqualified names come back without a schema; the caller's `resolve` qualifies them.
    (openlineage-sql's own `default_schema` also qualifies CTE names and then loses the
    tables read through them, at least up to 1.54.)"""
    try:
        meta = openlineage_sql.parse([sql], dialect=dialect)
    except Exception as exc:  # the parser raises on input it cannot tokenise
        log.debug("openlineage-sql failed: %s", exc)
        return None
    if meta.errors and not meta.in_tables:
        return None
    out = ParsedSql(inputs=list(dict.fromkeys(_ref(t) for t in meta.in_tables)))
    for cl in meta.column_lineage:
        sources = [(_ref(c.origin), c.name) for c in cl.lineage if c.origin is not None]
        if sources:
            out.columns.setdefault(cl.descendant.name, []).extend(sources)
    return out


def add_table_lineage(harvest: Harvest, *, job: str, output: str, inputs: list[str],
                      source: str = SQL_PARSE) -> None:
    """Job READS inputs and WRITES output; FEEDS input -> output carries the job ids."""
    harvest.edge(Rel.WRITES, job, output, source=source)
    for ds in dict.fromkeys(inputs):
        if ds == output:
            continue
        harvest.edge(Rel.READS, job, ds, source=source)
        prior = harvest.edges[Rel.FEEDS].get((ds, output), {}).get("jobs", [])
        harvest.edge(Rel.FEEDS, ds, output, source=source, jobs=sorted(set(prior) | {job}))


def add_column_lineage(harvest: Harvest, parsed: ParsedSql, *, job: str, output: str,
                       resolve: Callable[[TableRef], str],
                       output_columns: set[str] | None = None) -> int:
    """(output column)-[:DERIVES_FROM]->(input column) for each traced column pair."""
    known = {c.lower(): c for c in output_columns} if output_columns is not None else None
    added = 0
    for out_col, sources in parsed.columns.items():
        name = out_col if known is None else known.get(out_col.lower())
        if name is None:
            continue
        for table, in_col in sources:
            src_ds = resolve(table)
            if src_ds == output:
                continue
            harvest.edge(Rel.DERIVES_FROM, ids.column_id(output, name),
                         ids.column_id(src_ds, in_col), source=SQL_PARSE, job=job)
            added += 1
    return added


def add_sql_lineage(harvest: Harvest, parsed: ParsedSql, *, job: str, output: str,
                    resolve: Callable[[TableRef], str],
                    output_columns: set[str] | None = None) -> None:
    """Table and column lineage of one parsed statement that writes `output`."""
    add_table_lineage(harvest, job=job, output=output,
                      inputs=[resolve(t) for t in parsed.inputs])
    add_column_lineage(harvest, parsed, job=job, output=output, resolve=resolve,
                       output_columns=output_columns)
