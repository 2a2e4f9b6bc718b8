"""Bulk writes for big harvests: fewer statements and lookups per row than the generic upserts.

Same semantics as `StoreTx.upsert_nodes` + `upsert_edges` (MERGE, provenance, listeners see
the changes); only the shape of the statement differs.
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


def upsert_dataset_columns(tx: StoreTx, rows: Iterable[Mapping[str, Any]], *, source: str,
                           scope: str | None = None) -> int:
    """Column nodes and the HAS_COLUMN edge from their dataset (taken from the column id).

    `rows` are column rows as for `upsert_nodes(Label.COLUMN, ...)`. A column whose dataset
    does not exist fails the transaction (nothing is half-written). Returns columns written."""
    checked = node_rows(Label.COLUMN, rows)
    by_dataset: dict[str, list[dict[str, Any]]] = {}
    for r in checked:
        by_dataset.setdefault(r["id"].partition("#")[0], []).append(r)
    stmt = cypher("upsert_dataset_columns")
    written = 0
    batch: list[dict[str, Any]] = []
    size = 0
    groups = [{"dataset": ds, "columns": cols} for ds, cols in by_dataset.items()]
    for i, group in enumerate(groups):
        batch.append(group)
        size += len(group["columns"])
        if size >= COLUMN_CHUNK or i == len(groups) - 1:
            res = tx.run(stmt, rows=batch, now=tx.now, source=source, scope=scope or source)
            done = set(res[0]["datasets"]) if res else set()
            missing = [g["dataset"] for g in batch if g["dataset"] not in done]
            if missing:
                raise InvalidInput("rows", f"dataset {missing[0]!r} does not exist "
                                           f"({len(missing)} missing); write datasets first")
            written += res[0]["written"]
            batch, size = [], 0
    tx.changes.nodes[Label.COLUMN].extend({"id": r["id"], **r["props"]} for r in checked)
    tx.changes.edges[Rel.HAS_COLUMN].extend(
        {"src": r["id"].partition("#")[0], "dst": r["id"]} for r in checked)
    return written


def store_dataset_columns(store: GraphStore, rows: Iterable[Mapping[str, Any]], *,
                          source: str, scope: str | None = None) -> int:
    """`upsert_dataset_columns` in a transaction of its own."""
    rows = list(rows)
    return store.write(lambda tx: upsert_dataset_columns(tx, rows, source=source, scope=scope))
