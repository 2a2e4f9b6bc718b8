"""Store reads of SQL lineage: the columns a parser needs, the statements that failed."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from graph.cypher import cypher
from graph.store import GraphStore

Reader = Callable[..., list[dict[str, Any]]]  # store.query, or tx.run inside a write


def dataset_columns(read: Reader, dataset_ids: Iterable[str]) -> dict[str, list[str]]:
    """Each known dataset's open column names, by ordinal; datasets without columns absent."""
    ids = sorted(set(dataset_ids))
    out: dict[str, list[str]] = {}
    if ids:
        for r in read(cypher("sql_dataset_columns"), ids=ids):
            pairs = [(o if isinstance(o, int | float) else 1 << 30, n)
                     for o, n in r["columns"] if n]
            if pairs:
                out[r["id"]] = [n for _, n in sorted(pairs)]
    return out


def parse_failures(store: GraphStore, *, skip: int = 0, limit: int = 100) -> list[dict[str, Any]]:
    """Open jobs whose SQL did not parse, with the error, newest first."""
    return store.query(cypher("sql_parse_failures"), skip=skip, limit=limit)
