"""Reads that put impacted datasets and columns in context: name, kind, data product,
domain, owners and the classifications they carry (batched over all ids at once)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any, NamedTuple

from graph.cypher import cypher
from graph.store import GraphStore

Owner = tuple[str, str | None, str | None]  # id, name, role


class DatasetFacts(NamedTuple):
    name: str | None
    kind: str | None
    product: str | None  # the first current product by id (a dataset rarely has several)
    owners: list[Owner]  # its own, by id
    classes: dict[str, str | None]  # classifications it carries itself: id -> name


class ProductFacts(NamedTuple):
    name: str | None
    owners: list[Owner]
    domain: str | None  # the first current domain by id
    domain_name: str | None
    domain_owners: list[Owner]


def _owners(rows: list[list[Any]]) -> list[Owner]:
    return sorted((o[0], o[1], o[2]) for o in rows)


def datasets(store: GraphStore, ids: list[str]) -> dict[str, DatasetFacts]:
    """The facts of each dataset; ids not in the graph are absent."""
    if not ids:
        return {}
    rows = store.query_value(cypher("impact_datasets"), ids=ids) or []
    return {ids[i]: DatasetFacts(name, kind, min(products) if products else None,
                                 _owners(owners), {c[0]: c[1] for c in classes})
            for i, name, kind, products, owners, classes in rows}


def products(store: GraphStore, ids: list[str]) -> dict[str, ProductFacts]:
    """Name, owners and domain (with its owners) of each data product."""
    if not ids:
        return {}
    out: dict[str, ProductFacts] = {}
    for i, name, owners, domains in store.query_value(cypher("impact_products"), ids=ids) or []:
        dom = min(domains, key=lambda d: d[0]) if domains else (None, None, [])
        out[ids[i]] = ProductFacts(name, _owners(owners), dom[0], dom[1], _owners(dom[2]))
    return out


def classified_columns(store: GraphStore, dataset_ids: list[str]
                       ) -> dict[str, dict[str, dict[str, str]]]:
    """{dataset id: {column id: {classification id: name}}} for the classified columns."""
    out: dict[str, dict[str, dict[str, str]]] = defaultdict(lambda: defaultdict(dict))
    if dataset_ids:
        for r in store.query_value(cypher("impact_classified_columns"), ids=dataset_ids) or []:
            out[r["dataset"]][r["id"]][r["classification"]] = r.get("name")
    return out
