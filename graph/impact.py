"""Reads that put impacted datasets and columns in context: product, domain, owners and the
classifications they carry (batched over all ids at once)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from graph.cypher import cypher
from graph.labels import Label
from graph.store import GraphStore


def _rows(store: GraphStore, statement: str, order: tuple[str, ...], **params: Any
          ) -> list[dict[str, Any]]:
    """The maps of a statement that answers one row of collected maps, sorted by `order`."""
    rows = store.query_value(statement, **params) or []
    return sorted(rows, key=lambda r: tuple(r.get(k) or "" for k in order))


def dataset_context(store: GraphStore, ids: list[str]) -> dict[str, dict[str, Any]]:
    """name, kind, product (+ name) and domain (+ name) of each dataset; missing ids absent.
    A dataset in several products is reported under the first by id, a product in several
    domains under the first by id."""
    out: dict[str, dict[str, Any]] = {}
    if not ids:
        return out
    rows = store.query_value(cypher("impact_dataset_context"), ids=ids) or []
    for did, name, kind, product in sorted(rows, key=lambda r: (r[0], r[3] or "")):
        out.setdefault(did, {"id": did, "name": name, "kind": kind, "product": product})
    products = sorted({c["product"] for c in out.values() if c["product"]})
    found: dict[str, tuple[str | None, str | None, str | None]] = {}
    if products:
        prows = store.query_value(cypher("impact_product_context"), ids=products) or []
        for pid, pname, dom, dname in sorted(prows, key=lambda r: (r[0], r[2] or "")):
            found.setdefault(pid, (pname, dom, dname))
    for c in out.values():
        pname, dom, dname = found.get(c["product"], (None, None, None))
        c.update(product_name=pname, domain=dom, domain_name=dname)
    return out


def owners(store: GraphStore, label: Label, ids: list[str]
           ) -> dict[str, list[dict[str, Any]]]:
    """Current owners of each node: [{owner, name, role}]."""
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    if ids:
        for r in _rows(store, cypher("impact_owners", src=label), ("id", "owner"), ids=ids):
            out[r["id"]].append({"owner": r["owner"], "name": r.get("name"),
                                 "role": r.get("role")})
    return out


def classifications(store: GraphStore, label: Label, ids: list[str]
                    ) -> dict[str, dict[str, str]]:
    """Classifications each node carries: {node id: {classification id: name}}."""
    out: dict[str, dict[str, str]] = defaultdict(dict)
    if ids:
        for r in _rows(store, cypher("impact_classified", src=label),
                       ("id", "classification"), ids=ids):
            out[r["id"]][r["classification"]] = r.get("name")
    return out


def classified_columns(store: GraphStore, dataset_ids: list[str]
                       ) -> dict[str, dict[str, dict[str, str]]]:
    """{dataset id: {column id: {classification id: name}}} for the classified columns."""
    out: dict[str, dict[str, dict[str, str]]] = defaultdict(lambda: defaultdict(dict))
    if dataset_ids:
        for r in _rows(store, cypher("impact_classified_columns"),
                       ("dataset", "id", "classification"), ids=dataset_ids):
            out[r["dataset"]][r["id"]][r["classification"]] = r.get("name")
    return out
