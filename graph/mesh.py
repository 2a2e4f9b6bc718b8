"""Mesh-level reads: table lineage between data products, and the product-domain links that
roll it up to domains."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph.cypher import cypher
from graph.labels import Label
from graph.lineage import CURRENT, Window
from graph.store import GraphStore


@dataclass(frozen=True)
class ProductHit:
    key: str  # the frontier product
    id: str  # the product on the other side
    upstream: str  # the dataset edge that justifies it
    downstream: str
    edge: dict[str, Any]


def product_hop(store: GraphStore, frontier: list[str], *, downstream: bool,
                window: Window = CURRENT) -> list[ProductHit]:
    if not frontier:
        return []
    name = "mesh_hop_down" if downstream else "mesh_hop_up"
    hits = []
    for r in store.query(cypher(name), frontier=frontier, **window.params):
        for e in r["edges"]:  # one row per product pair, its dataset edges collected
            up, down = e.pop("mesh_up_"), e.pop("mesh_down_")
            hits.append(ProductHit(r["key"], r["id"], up, down, e))
    return sorted(hits, key=lambda h: (h.key, h.id, h.upstream, h.downstream))


def downstream_datasets(store: GraphStore, frontier: list[str]) -> dict[str, dict[str, set[str]]]:
    """Frontier product -> product it feeds -> the ids of its datasets fed (current edges)."""
    out: dict[str, dict[str, set[str]]] = {p: {} for p in frontier}
    if frontier:
        for r in store.query(cypher("mesh_downstream_datasets"), frontier=frontier):
            out[r["key"]][r["id"]] = set(r["datasets"])
    return out


def products_of_domains(store: GraphStore, ids: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {i: [] for i in ids}
    if ids:
        for r in store.query(cypher("mesh_products_of_domains"), ids=ids):
            out[r["domain"]].append(r["product"])
    return out


def domains_of_products(store: GraphStore, ids: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    if ids:
        for r in store.query(cypher("mesh_domains_of_products"), ids=ids):
            out.setdefault(r["product"], r["domain"])
    return out


def all_ids(store: GraphStore, label: Label) -> list[str]:
    return [r["id"] for r in store.query(cypher("mesh_all_ids", label=label))]
