"""Store reads a harvest needs before it writes: what its scope owns, what already exists."""

from __future__ import annotations

from collections.abc import Iterable

from graph.cypher import cypher
from graph.labels import Label, Rel
from graph.store import GraphStore

CHUNK = 5000


def scope_node_ids(store: GraphStore, scope: str, label: Label) -> set[str]:
    rows = store.query(cypher("scope_open_node_ids", label=label), scope=scope)
    return {r["id"] for r in rows}


def scope_edge_keys(store: GraphStore, scope: str, rel: Rel) -> set[tuple[str, str]]:
    rows = store.query(cypher("scope_open_edge_keys", rel=rel), scope=scope)
    return {(r["src"], r["dst"]) for r in rows}


def open_node_ids(store: GraphStore, label: Label, ids: Iterable[str]) -> set[str]:
    """The subset of `ids` that are open nodes of `label`."""
    ids = list(ids)
    out: set[str] = set()
    stmt = cypher("open_node_ids", label=label)
    for k in range(0, len(ids), CHUNK):
        out.update(r["id"] for r in store.query(stmt, ids=ids[k:k + CHUNK]))
    return out
