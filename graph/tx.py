"""Writes inside one managed transaction: what an event or a batch is made of."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import neo4j

from graph.cypher import cypher
from graph.errors import InvalidInput
from graph.labels import Label, Rel, label_of
from graph.props import check_props, node_rows

CHUNK = 5000


def _edge_rows(rel: Rel, rows: Iterable[Mapping[str, Any]]):
    """Group edge rows by (start label, end label), checking both against the relationship."""
    starts, ends = rel.endpoints
    groups: dict[tuple[Label, Label], list[dict[str, Any]]] = defaultdict(list)
    for i, row in enumerate(rows):
        for key, allowed in (("src", starts), ("dst", ends)):
            if key not in row:
                raise InvalidInput(f"rows[{i}].{key}", "missing")
            try:
                lab = label_of(row[key])
            except InvalidInput as exc:
                raise InvalidInput(f"rows[{i}].{key}", exc.reason) from None
            if lab not in allowed:
                raise InvalidInput(f"rows[{i}].{key}",
                                   f"{rel} cannot {'start' if key == 'src' else 'end'} at a {lab}")
        props = {k: v for k, v in row.items() if k not in ("src", "dst")}
        groups[(label_of(row["src"]), label_of(row["dst"]))].append(
            {"i": i, "src": row["src"], "dst": row["dst"],
             "props": check_props(f"rows[{i}]", props)})
    return groups


@dataclass
class Changes:
    """What one committed transaction wrote, handed to the store's listeners (search index)."""

    now: str
    nodes: dict[Label, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    edges: dict[Rel, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    closed: dict[Label, list[str]] = field(default_factory=lambda: defaultdict(list))
    closed_edges: dict[Rel, list[dict[str, str]]] = field(
        default_factory=lambda: defaultdict(list))  # {src, dst} of edges closed

    def __bool__(self) -> bool:
        return bool(self.nodes or self.edges or self.closed or self.closed_edges)


class StoreTx:
    """A thin wrapper over a managed transaction with the store's write operations."""

    def __init__(self, tx: neo4j.ManagedTransaction, now: str):
        self.tx = tx
        self.now = now
        self.changes = Changes(now)

    def run(self, statement: str, **params: Any) -> list[dict[str, Any]]:
        return [r.data() for r in self.tx.run(statement, params)]

    def upsert_nodes(self, label: Label, rows: Iterable[Mapping[str, Any]], *, source: str,
                     scope: str | None = None) -> int:
        checked = node_rows(label, rows)
        stmt = cypher("upsert_nodes", label=label)
        written = 0
        for k in range(0, len(checked), CHUNK):
            res = self.run(stmt, rows=checked[k:k + CHUNK], now=self.now, source=source,
                           scope=scope or source)
            written += res[0]["written"] if res else 0
        self.changes.nodes[label].extend({"id": r["id"], **r["props"]} for r in checked)
        return written

    def upsert_edges(self, rel: Rel, rows: Iterable[Mapping[str, Any]], *, source: str,
                     scope: str | None = None, strict: bool = True) -> int:
        """Upsert edges; with `strict`, a row whose endpoint is missing fails the transaction."""
        written = 0
        for (src, dst), group in _edge_rows(rel, rows).items():
            name = "upsert_edges_from_end" if rel.merge_from_end else "upsert_edges"
            stmt = cypher(name, src=src, dst=dst, rel=rel)
            for k in range(0, len(group), CHUNK):
                part = group[k:k + CHUNK]
                res = self.run(stmt, rows=part, now=self.now, source=source,
                               scope=scope or source)
                done = set(res[0]["written"]) if res else set()
                written += len(done)
                self.changes.edges[rel].extend(
                    {"src": r["src"], "dst": r["dst"], **r["props"]} for r in part
                    if r["i"] in done)
                if strict and len(done) < len(part):
                    bad = next(r for r in part if r["i"] not in done)
                    raise InvalidInput(
                        f"rows[{bad['i']}]",
                        f"{rel} edge {bad['src']!r} -> {bad['dst']!r}: an endpoint does not exist")
        return written

    def close_nodes(self, label: Label, ids: list[str]) -> int:
        res = self.run(cypher("close_nodes", label=label), ids=ids, now=self.now)
        self.changes.closed[label].extend(ids)
        return res[0]["closed"] if res else 0
