"""SQL lineage into a harvest, shared by view definitions and dbt models.

`ingestors.sql` parses (sqlglot) and traces; this module writes what it found: a Job with
READS/WRITES, FEEDS edges (carrying the job ids) and DERIVES_FROM column edges with their
OpenLineage transformations, a confidence and `source=sql-parse` (they come from reading
SQL, not from a system that reported them). A statement that does not parse is recorded on
its job (`sql_parse_error`), so it shows in `sqlParseFailures` instead of vanishing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from graph import Rel
from graph.props import json_prop
from identity import ids
from ingestors.base import Harvest
from ingestors.sql import Lineage, TableRef, Transformation

log = logging.getLogger(__name__)
SQL_PARSE = "sql-parse"


def parse_status(lineage: Lineage | None, error: str | None, dialect: str | None
                 ) -> dict[str, Any]:
    """Job properties saying how its SQL parsed (None values clear an earlier failure)."""
    if lineage is None:
        return {"sql_parse_error": error or "did not parse", "sql_parse_dialect": dialect,
                "sql_parse_confidence": 0.0, "sql_parse_warnings": None}
    return {"sql_parse_error": None, "sql_parse_dialect": dialect,
            "sql_parse_confidence": lineage.confidence,
            "sql_parse_warnings": lineage.warnings[:5] or None}


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


def _spelling(names: list[str] | None) -> dict[str, str] | None:
    return {n.lower(): n for n in names} if names is not None else None


def _input_column(table: TableRef, in_name: str, dataset_of: Callable[[TableRef], str | None],
                  spell: dict[str, dict[str, str] | None],
                  input_columns: Callable[[str], list[str] | None]) -> str | None:
    """The input column's id, spelled as the catalog spells it; None when not drawn."""
    src_ds = dataset_of(table)
    if not src_ds:  # a table the caller will not draw lineage to
        return None
    if src_ds not in spell:
        spell[src_ds] = _spelling(input_columns(src_ds))
    known = spell[src_ds]
    return ids.column_id(src_ds, known.get(in_name.lower(), in_name) if known else in_name)


def column_edges(lineage: Lineage, *, output: str,
                 dataset_of: Callable[[TableRef], str | None],
                 output_columns: list[str] | set[str] | None = None,
                 input_columns: Callable[[str], list[str] | None] = lambda _: None,
                 split: bool = True) -> dict[tuple[str, str], list[Transformation]]:
    """(output column id, input column id) -> transformations, named as the catalog spells
    them; output columns the catalog does not know are left out when it knows the output's,
    and so are inputs `dataset_of` maps to None. With `split`, the statement-wide indirect
    dependencies are left to `table_edges` (one edge per output dataset, not per column)."""
    outs = _spelling(list(output_columns) if output_columns is not None else None)
    spell: dict[str, dict[str, str] | None] = {}
    wide = lineage.table_deps if split else {}
    edges: dict[tuple[str, str], set[Transformation]] = {}
    for out_name, table, in_name, tr in lineage.edges():
        name = out_name if outs is None else outs.get(out_name.lower())
        if name is None or (tr is not None and tr in wide.get((table, in_name), ())):
            continue
        in_col = _input_column(table, in_name, dataset_of, spell, input_columns)
        pair = (ids.column_id(output, name), in_col or "")
        if in_col is not None and pair[0] != pair[1]:
            found = edges.setdefault(pair, set())
            if tr is not None:  # None: a dependency of unknown kind, no transformation
                found.add(tr)
    return {k: sorted(v) for k, v in sorted(edges.items())}


def table_edges(lineage: Lineage, *, output: str,
                dataset_of: Callable[[TableRef], str | None],
                input_columns: Callable[[str], list[str] | None] = lambda _: None,
                ) -> dict[tuple[str, str], list[Transformation]]:
    """(output dataset id, input column id) -> the statement-wide indirect transformations
    (joins, filters, grouping, sorting), as OpenLineage's dataset-level column lineage."""
    spell: dict[str, dict[str, str] | None] = {}
    edges: dict[tuple[str, str], list[Transformation]] = {}
    for (table, in_name), trs in sorted(lineage.table_deps.items()):
        in_col = _input_column(table, in_name, dataset_of, spell, input_columns)
        if in_col is not None and trs:
            edges[(output, in_col)] = sorted(set(edges.get((output, in_col), [])) | trs)
    return edges


def edge_props(transformations: list[Transformation], *, job: str | None,
               confidence: float) -> dict[str, Any]:
    return {"job": job, "transformations": json_prop([t.as_dict() for t in transformations]),
            "masking": any(t.masking for t in transformations), "confidence": confidence}


def add_column_lineage(harvest: Harvest, lineage: Lineage, *, job: str, output: str,
                       dataset_of: Callable[[TableRef], str],
                       output_columns: list[str] | set[str] | None = None,
                       input_columns: Callable[[str], list[str] | None] = lambda _: None
                       ) -> int:
    """(output column)-[:DERIVES_FROM {transformations}]->(input column) per traced pair,
    and (output dataset)-[:DERIVES_FROM]->(input column) for the statement-wide indirect
    dependencies."""
    edges = column_edges(lineage, output=output, dataset_of=dataset_of,
                         output_columns=output_columns, input_columns=input_columns)
    edges.update(table_edges(lineage, output=output, dataset_of=dataset_of,
                             input_columns=input_columns))
    for (out_col, in_col), trs in edges.items():
        harvest.edge(Rel.DERIVES_FROM, out_col, in_col, source=SQL_PARSE,
                     **edge_props(trs, job=job, confidence=lineage.confidence))
    return len(edges)
