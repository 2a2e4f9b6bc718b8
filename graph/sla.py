"""Store operations of SLA monitoring: per-dataset health records (last success, bounded
row-count series) and incidents, whose ids derive from their cause so that two monitors
(two server replicas) open one incident, not two."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from graph.cypher import cypher

if TYPE_CHECKING:
    from graph.store import GraphStore
    from graph.tx import StoreTx


def run_datasets(store: GraphStore, run_ids: list[str]) -> list[dict[str, Any]]:
    """{run, state, at, dataset, row_count, stats_run} for the datasets the runs' jobs write."""
    return store.query(cypher("sla_run_datasets"), runs=run_ids)


def products(store: GraphStore, product_ids: list[str] | None) -> list[dict[str, Any]]:
    """{id, sla, contract_sla, datasets} of open products (these, or all)."""
    if product_ids is None:
        return store.query(cypher("sla_products"), ids=None)
    return [{"id": i, "sla": sla, "contract_sla": csla, "datasets": ds}
            for row in store.query(cypher("sla_products_of"), ids=product_ids)
            for i, sla, csla, ds in row["products"]]


def all_health(store: GraphStore) -> dict[str, dict[str, Any]]:
    return {r["health"]["id"]: r["health"] for r in store.query(cypher("sla_health_all"))}


def health(store: GraphStore, dataset_ids: list[str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for k in range(0, len(dataset_ids), 5000):
        for r in store.query(cypher("sla_health_get"), ids=dataset_ids[k:k + 5000]):
            out.update((h["id"], h) for h in r["health"])
    return out


def set_health(tx: StoreTx, rows: list[dict[str, Any]]) -> None:
    for k in range(0, len(rows), 5000):
        tx.run(cypher("sla_health_set"), rows=rows[k:k + 5000], now=tx.now)


def open_incidents(store: GraphStore, product_ids: list[str] | None = None
                   ) -> list[dict[str, Any]]:
    return [r["incident"] for r in store.query(cypher("sla_incidents_open"), ids=product_ids)]


def incidents(store: GraphStore, product_ids: list[str], limit: int) -> list[dict[str, Any]]:
    return [r["incident"] for r in store.query(cypher("sla_incidents"), ids=product_ids,
                                               limit=limit)]


def incidents_of_kind(store: GraphStore, product_ids: list[str], kind: str
                      ) -> list[dict[str, Any]]:
    """{id, product, cause, status} of the products' incidents of `kind`, open and closed."""
    return store.query(cypher("sla_incidents_of_kind"), ids=product_ids, kind=kind)


def open_incident_rows(tx: StoreTx, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of {id, product, kind, reason, started_at} and, optionally, `cause`."""
    rows = [{"cause": None, **r} for r in rows]
    out: list[dict[str, Any]] = []
    for k in range(0, len(rows), 5000):
        out += [r["incident"] for r in tx.run(cypher("sla_incident_open"),
                                              rows=rows[k:k + 5000], now=tx.now)]
    return out


def close_incidents(tx: StoreTx, ids: list[str]) -> list[dict[str, Any]]:
    return [r["incident"] for r in tx.run(cypher("sla_incident_close"), ids=ids, now=tx.now)]


def products_of_datasets(store: GraphStore, dataset_ids: list[str]) -> list[str]:
    return [r["id"] for r in store.query(cypher("sla_products_of_datasets"), ids=dataset_ids)]
