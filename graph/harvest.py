"""Store reads a harvest needs before it writes: what its scope owns, what already exists."""

from __future__ import annotations

from collections.abc import Iterable

from graph.cypher import cypher
from graph.labels import Label, Rel
from graph.store import GraphStore

CHUNK = 5000


EDGE_KEY_SEP = "\u001f"


def scope_node_ids(store: GraphStore, scope: str, label: Label) -> dict[str, str | None]:
    """The open nodes `scope` owns: id -> fingerprint."""
    rows = store.query(cypher("scope_open_node_ids", label=label), scope=scope)
    return {r["id"]: r["fp"] for r in rows}


def scope_edge_keys(store: GraphStore, scope: str,
                    rel: Rel) -> dict[tuple[str, str], str | None]:
    """The open edges `scope` owns: (src id, dst id) -> fingerprint."""
    rows = store.query(cypher("scope_open_edge_keys", rel=rel), scope=scope)
    return {(r["src"], r["dst"]): r["fp"] for r in rows}


def touch_scope(store: GraphStore, scope: str, *, label: Label | None = None,
                rel: Rel | None = None, stale: Iterable = ()) -> int:
    """Set last_seen on every open fact of `scope` except `stale` (ids, or (src, dst))."""
    if label is not None:
        stmt, keys = cypher("touch_scope_nodes", label=label), list(stale)
    elif rel is not None:
        stmt = cypher("touch_scope_edges", rel=rel)
        keys = [f"{s}{EDGE_KEY_SEP}{d}" for s, d in stale]
    else:
        raise ValueError("touch_scope needs a label or a rel")
    res = store.write(lambda tx: tx.run(stmt, scope=scope, stale=keys, sep=EDGE_KEY_SEP,
                                        now=tx.now))
    return res[0]["touched"] if res else 0


def open_node_ids(store: GraphStore, label: Label, ids: Iterable[str]) -> set[str]:
    """The subset of `ids` that are open nodes of `label`."""
    ids = list(ids)
    out: set[str] = set()
    stmt = cypher("open_node_ids", label=label)
    for k in range(0, len(ids), CHUNK):
        out.update(r["id"] for r in store.query(stmt, ids=ids[k:k + CHUNK]))
    return out


def created_since(store: GraphStore, scope: str, since: str, *, label: Label | None = None,
                  rel: Rel | None = None) -> int:
    """How many nodes (or edges) of `scope` were created at or after `since`."""
    if label is not None:
        stmt = cypher("count_scope_created_nodes", label=label)
    elif rel is not None:
        stmt = cypher("count_scope_created_edges", rel=rel)
    else:
        raise ValueError("created_since needs a label or a rel")
    return store.query(stmt, scope=scope, since=since)[0]["n"]
