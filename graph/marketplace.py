"""Store operations of the marketplace: access requests and subscriptions, ratings,
endorsements, webhooks, notifications and usage counters.

These nodes sit beside the catalog's labels (like `ApiToken`): they are decisions and
records of people, not harvested facts, so the search index and the change feed ignore
them. Nothing is deleted: a decision sets a status and appends to a history, a rating or
an endorsement replaced is closed (`valid_to`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from graph.cypher import cypher

if TYPE_CHECKING:
    from graph.store import GraphStore
    from graph.tx import StoreTx

DDL = tuple(f"mkt_schema_{n}" for n in (
    "access_request", "consumer", "rating", "endorsement", "webhook", "incident",
    "notification", "dataset_health", "usage"))


# -- products ------------------------------------------------------------------------------
def product(tx: StoreTx, product_id: str) -> dict[str, Any] | None:
    """{product, domain, owners, stewards (of its domain)} of a product, or None."""
    rows = tx.run(cypher("mkt_product"), id=product_id)
    return rows[0] if rows else None


def listing(store: GraphStore, ids: list[str] | None = None) -> list[dict[str, Any]]:
    """Open products (these, or all) with {product, domain, owners, datasets}."""
    if ids is None:
        return store.query(cypher("mkt_listing"), ids=None)
    return store.query(cypher("mkt_listing_of"), ids=ids)


def owner_names(store: GraphStore, ids: list[str]) -> dict[str, list[str]]:
    """Product id -> its owners' names (open products and edges; none: absent)."""
    return {r["product"]: r["owners"] for r in store.query(cypher("mkt_owner_names"), ids=ids)}


def market_products(store: GraphStore, *, domain: str | None, text: str | None
                    ) -> list[dict[str, Any]]:
    """{id, name} of open products, of a domain id and holding a lower-case text."""
    found = store.query(cypher("mkt_market_products"), text=text) if domain is None else \
        store.query(cypher("mkt_market_domain"), domain=domain, text=text)
    return [{"id": i, "name": n} for row in found for i, n in row["products"]]


def owned_products(store: GraphStore, names: list[str]) -> list[str]:
    """Open products these owners own or whose domain they steward (one query)."""
    found = {p for r in store.query(cypher("mkt_owned_products"), names=names)
             for p in (*r["owned"], *r["stewarded"])}
    return sorted(found)


# -- access requests and subscriptions -------------------------------------------------------
def create_request(tx: StoreTx, row: dict[str, Any]) -> dict[str, Any]:
    return tx.run(cypher("mkt_request_create"), **row, now=tx.now)[0]["request"]


def get_request(tx: StoreTx, request_id: str) -> dict[str, Any] | None:
    rows = tx.run(cypher("mkt_request_get"), id=request_id)
    return rows[0]["request"] if rows else None


def set_request(tx: StoreTx, request_id: str, **fields: Any) -> dict[str, Any]:
    params = {k: None for k in ("decided_by", "decided_at", "reason", "ended_by",
                                "ended_at")} | fields
    return tx.run(cypher("mkt_request_set"), id=request_id, **params)[0]["request"]


def requests(store: GraphStore, *, products: list[str] | None, status: str | None,
             by: str | None, limit: int) -> list[dict[str, Any]]:
    return [r["request"] for r in store.query(cypher("mkt_requests"), products=products,
                                              status=status, by=by, limit=limit)]


def subscribe(tx: StoreTx, *, product: str, consumer: str, name: str, request: str,
              port: str | None, by: str) -> None:
    tx.run(cypher("mkt_subscribe"), product=product, consumer=consumer, name=name,
           request=request, port=port, by=by, now=tx.now)


def unsubscribe(tx: StoreTx, *, product: str, request: str, by: str) -> int:
    return tx.run(cypher("mkt_unsubscribe"), product=product, request=request, by=by,
                  now=tx.now)[0]["closed"]


def subscribers(store: GraphStore, product_ids: list[str]) -> list[dict[str, Any]]:
    return store.query(cypher("mkt_subscribers"), ids=product_ids)


# -- ratings and endorsements ------------------------------------------------------------------
def rate(tx: StoreTx, row: dict[str, Any]) -> dict[str, Any]:
    tx.run(cypher("mkt_rating_close"), product=row["product"], consumer=row["consumer"],
           now=tx.now)
    return tx.run(cypher("mkt_rating_create"), **row, now=tx.now)[0]["rating"]


def ratings(store: GraphStore, product_ids: list[str], *, history: bool = False
            ) -> list[dict[str, Any]]:
    return [r["rating"] for r in store.query(cypher("mkt_ratings"), ids=product_ids,
                                             history=history)]


def current_ratings(store: GraphStore) -> list[dict[str, Any]]:
    """{product, stars} of every current rating."""
    return store.query(cypher("mkt_ratings_current"))


def current_endorsements(store: GraphStore, kind: str) -> list[dict[str, Any]]:
    return [r["endorsement"] for r in store.query(cypher("mkt_endorsements_current"),
                                                  kind=kind)]


def endorse(tx: StoreTx, row: dict[str, Any]) -> dict[str, Any]:
    tx.run(cypher("mkt_endorsement_close"), product=row["product"], kind=row["kind"],
           by=row["by"], now=tx.now)
    return tx.run(cypher("mkt_endorsement_create"), **row, now=tx.now)[0]["endorsement"]


def endorsements(store: GraphStore, product_ids: list[str]) -> list[dict[str, Any]]:
    return [r["endorsement"] for r in store.query(cypher("mkt_endorsements"),
                                                  ids=product_ids)]


# -- webhooks and notifications ---------------------------------------------------------------
def set_webhook(tx: StoreTx, *, team: str, url: str, sealed: str, by: str) -> dict[str, Any]:
    """`sealed`: the secret as the service sealed it (never stored in plain)."""
    return tx.run(cypher("mkt_webhook_set"), team=team, url=url, sealed=sealed, by=by,
                  now=tx.now)[0]["webhook"]


def webhook_secrets(store: GraphStore) -> list[dict[str, Any]]:
    """{id, plain, sealed} of every webhook (plain: a graph from before sealing)."""
    return store.query(cypher("mkt_webhook_secrets"))


def reseal_webhooks(tx: StoreTx, rows: list[dict[str, Any]]) -> list[str]:
    """Rows of {id, plain, was, sealed}: written where the secret is still `plain`/`was`."""
    return [r["id"] for r in tx.run(cypher("mkt_webhook_reseal"), rows=rows)]


def webhooks(store: GraphStore, teams: list[str]) -> dict[str, dict[str, Any]]:
    return {r["webhook"]["id"]: r["webhook"]
            for r in store.query(cypher("mkt_webhooks"), teams=teams)}


def notify(tx: StoreTx, rows: list[dict[str, Any]]) -> list[str]:
    """Create notifications (idempotent by id); returns the ids written."""
    return [r["id"] for r in tx.run(cypher("ntf_create"), rows=rows, now=tx.now)]


def notifications(store: GraphStore, teams: list[str] | None, limit: int
                  ) -> list[dict[str, Any]]:
    return [r["notification"] for r in store.query(cypher("ntf_list"), teams=teams,
                                                   limit=limit)]


def due_deliveries(store: GraphStore, now: str, limit: int) -> list[dict[str, Any]]:
    return [r["notification"] for r in store.query(cypher("ntf_due"), now=now, limit=limit)]


def claim_deliveries(store: GraphStore, ids: list[str], *, now: str, until: str, by: str
                     ) -> list[dict[str, Any]]:
    """Claim due notifications for one deliverer; returns those it got."""
    return [r["notification"] for r in store.write(lambda tx: tx.run(
        cypher("ntf_claim"), ids=ids, now=now, until=until, by=by))]


def record_attempt(store: GraphStore, notification_id: str, **fields: Any) -> None:
    store.write(lambda tx: tx.run(cypher("ntf_attempt"), id=notification_id, **fields))


# -- usage --------------------------------------------------------------------------------------
def add_usage(store: GraphStore, rows: list[dict[str, Any]]) -> None:
    """Add batched counts: rows of {id, product, day, views, reads}."""
    store.write(lambda tx: tx.run(cypher("usage_add"), rows=rows))


def products_of_datasets(store: GraphStore, dataset_ids: list[str]) -> list[dict[str, Any]]:
    """{dataset, product} pairs of open CONTAINS edges."""
    return store.query(cypher("usage_products_of_datasets"), ids=dataset_ids)


def usage_since(store: GraphStore, day: str) -> list[dict[str, Any]]:
    return store.query(cypher("usage_since"), since=day)


def usage_of(store: GraphStore, ids: list[str]) -> list[dict[str, Any]]:
    """Usage rows by their ids (`usage:<product or dataset>|<day>`)."""
    return store.query(cypher("usage_of"), ids=ids)
