"""Bulk writes for big harvests: fewer statements, lookups and record writes per row.

Same semantics as `StoreTx.upsert_nodes` + `upsert_edges` (upsert, provenance, listeners see
the changes); only the shape of the statements differs:
- a column and its HAS_COLUMN edge are written by one statement, one dataset lookup for all
  of a dataset's columns;
- columns that do not exist yet are created with their properties in the CREATE (ArcadeDB
  writes the record once; MERGE then SET writes it twice), the others are MERGEd. Two
  writers creating the same new column at once: the second commit breaks the unique id
  constraint, `GraphStore.write` retries it, and the retry finds the column and MERGEs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from graph.cypher import cypher
from graph.errors import InvalidInput
from graph.labels import Label, Rel
from graph.props import node_rows
from graph.tx import StoreTx

if TYPE_CHECKING:
    from graph.store import GraphStore

# rows per statement: columns of whole datasets go together, so a chunk may run a bit over
COLUMN_CHUNK = 5000
# the properties create_dataset_columns.cypher writes; columns with others are MERGEd
CREATE_KEYS = frozenset({"name", "path", "type", "nullable", "ordinal", "description"})


def _run_grouped(tx: StoreTx, stmt: str, groups: list[dict[str, Any]], source: str,
                 scope: str) -> int:
    written = 0
    batch: list[dict[str, Any]] = []
    size = 0
    for i, group in enumerate(groups):
        batch.append(group)
        size += len(group["columns"])
        if size >= COLUMN_CHUNK or i == len(groups) - 1:
            res = tx.run(stmt, rows=batch, now=tx.now, source=source, scope=scope)
            done = set(res[0]["datasets"]) if res else set()
            missing = [g["dataset"] for g in batch if g["dataset"] not in done]
            if missing:
                raise InvalidInput("rows", f"dataset {missing[0]!r} does not exist "
                                           f"({len(missing)} missing); write datasets first")
            written += res[0]["written"]
            batch, size = [], 0
    return written


def _groups(columns: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    by_dataset: dict[str, list[dict[str, Any]]] = {}
    for col in columns:
        by_dataset.setdefault(col["id"].partition("#")[0], []).append(col)
    return [{"dataset": ds, "columns": cols} for ds, cols in by_dataset.items()]


def upsert_dataset_columns(tx: StoreTx, rows: Iterable[Mapping[str, Any]], *, source: str,
                           scope: str | None = None) -> int:
    """Column nodes and the HAS_COLUMN edge from their dataset (taken from the column id).

    `rows` are column rows as for `upsert_nodes(Label.COLUMN, ...)`. A column whose dataset
    does not exist fails the transaction (nothing is half-written). Returns columns written."""
    scope = scope or source
    merged: dict[str, dict[str, Any]] = {}
    for r in node_rows(Label.COLUMN, rows):  # one row per id, later properties win (as MERGE)
        if r["id"] in merged:
            merged[r["id"]]["props"].update(r["props"])
        else:
            merged[r["id"]] = r
    existing = {rec["id"] for rec in tx.run(cypher("existing_nodes", label=Label.COLUMN),
                                            ids=list(merged))}
    create = [r for r in merged.values()
              if r["id"] not in existing and r["props"].keys() <= CREATE_KEYS]
    upsert = [r for r in merged.values()
              if r["id"] in existing or not r["props"].keys() <= CREATE_KEYS]
    written = 0
    if create:
        written += _run_grouped(tx, cypher("create_dataset_columns"), _groups(create),
                                source, scope)
    if upsert:
        written += _run_grouped(tx, cypher("upsert_dataset_columns"), _groups(upsert),
                                source, scope)
    tx.changes.nodes[Label.COLUMN].extend({"id": r["id"], **r["props"]} for r in merged.values())
    tx.changes.edges[Rel.HAS_COLUMN].extend(
        {"src": r["id"].partition("#")[0], "dst": r["id"]} for r in merged.values())
    return written


def store_dataset_columns(store: GraphStore, rows: Iterable[Mapping[str, Any]], *,
                          source: str, scope: str | None = None) -> int:
    """`upsert_dataset_columns` in a transaction of its own."""
    rows = list(rows)
    return store.write(lambda tx: upsert_dataset_columns(tx, rows, source=source, scope=scope))
