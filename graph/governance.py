"""Store reads of governance: the facts policies are checked against."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from graph.cypher import cypher
from graph.store import GraphStore


def products(store: GraphStore, domain: str | None) -> list[dict[str, Any]]:
    """Open products with {id, product (properties), domain, owners}."""
    return store.query(cypher("gov_products"), domain=domain)


def product_classifications(store: GraphStore, product_ids: list[str]
                            ) -> dict[str, list[dict[str, Any]]]:
    """product id -> accepted classifications of its datasets and their columns."""
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    if not product_ids:
        return out
    for name in ("gov_product_pii", "gov_product_pii_datasets"):
        for rec in store.query(cypher(name), ids=product_ids):
            out[rec["product"]].append(rec)
    return out


def datasets(store: GraphStore, domain: str | None) -> list[dict[str, Any]]:
    """Open datasets with {id, name, product, owners, product_owners}."""
    return store.query(cypher("gov_datasets"), domain=domain)


def columns(store: GraphStore, dataset_ids: list[str]) -> list[dict[str, Any]]:
    """Open columns of the datasets (dataset_id, column_id, name, type)."""
    out: list[dict[str, Any]] = []
    for k in range(0, len(dataset_ids), 500):
        out += store.query(cypher("cls_columns"), ids=dataset_ids[k:k + 500])
    return out
