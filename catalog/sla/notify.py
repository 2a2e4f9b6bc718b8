"""Who hears about an incident and what they are told: the product's subscribers and the
owners of the products downstream of it (through lineage), one notification per team.
A team with a webhook gets its notification as a pending delivery (the outbox the runtime's
deliverer sends); every notification is also in the UI's list.

One SLA check can open and close incidents of many products at once (a replay of old
runs moves every freshness deadline), so an `Audience` reads each product's mesh step,
owners, subscribers and each team's webhook at most once for all of them."""

from __future__ import annotations

from typing import Any

import orjson

from graph import GraphStore
from graph import marketplace as gm
from graph import mesh as gmesh

PENDING, UNSENT = "pending", "unsent"
DEPTH = 5  # mesh steps downstream whose owners hear about an incident
MAX_LISTED = 100  # downstream products and datasets a notification lists (`*_total` count all)


class Audience:
    """The downstream products, their owners and the subscribers of products, read lazily
    and kept for the life of one check (a cache of one batch, never of the server)."""

    def __init__(self, store: GraphStore, depth: int = DEPTH):
        self.store, self.depth = store, depth
        self._steps: dict[str, dict[str, set[str]]] = {}  # product -> fed product -> datasets
        self._owners: dict[str, list[str]] = {}
        self._subscribers: dict[str, list[str]] = {}
        self._hooks: dict[str, dict[str, Any] | None] = {}
        self._down: dict[str, dict[str, Any]] = {}

    def _step(self, frontier: list[str]) -> None:
        missing = [p for p in frontier if p not in self._steps]
        if missing:
            self._steps.update(gmesh.downstream_datasets(self.store, missing))

    def downstream(self, product_id: str) -> dict[str, Any]:
        """The products downstream of a product (up to `depth` steps), their owners, and
        the datasets where it enters them (those its own datasets feed: further datasets
        are reached through these, and in a connected mesh they would be nearly all)."""
        if product_id in self._down:
            return self._down[product_id]
        self._step([product_id])
        datasets = set().union(*self._steps[product_id].values())
        seen, frontier = {product_id}, [product_id]
        for _ in range(self.depth):
            self._step(frontier)
            new = []
            for p in frontier:
                for q in self._steps[p]:
                    if q not in seen:
                        seen.add(q)
                        new.append(q)
            if not new:
                break
            frontier = sorted(new)
        products = sorted(seen - {product_id})
        missing = [p for p in products if p not in self._owners]
        if missing:
            got = gm.owner_names(self.store, missing)
            self._owners.update({p: got.get(p, []) for p in missing})
        down = {"products": products, "datasets": sorted(datasets),
                "owners": {p: self._owners[p] for p in products}}
        self._down[product_id] = down
        return down

    def recipients(self, product_id: str, down: dict[str, Any]) -> list[str]:
        if product_id not in self._subscribers:
            self._subscribers[product_id] = [
                s["consumer"] for s in gm.subscribers(self.store, [product_id])]
        owners = [o for p in down["products"] for o in down["owners"].get(p, [])]
        return sorted(set(self._subscribers[product_id]) | set(owners))

    def webhooks(self, teams: list[str]) -> set[str]:
        """The teams of `teams` that have a webhook."""
        missing = [t for t in teams if t not in self._hooks]
        if missing:
            got = gm.webhooks(self.store, missing)
            self._hooks.update({t: got.get(t) for t in missing})
        return {t for t in teams if self._hooks[t] is not None}


def rows(store: GraphStore, event: str, key: str, product: dict[str, Any],
         body: dict[str, Any], audience: Audience | None = None) -> list[dict[str, Any]]:
    """The notifications of `event` about `product` to everyone affected (reads only: the
    caller writes them in the transaction that records the event, so neither is lost).
    `key` makes a notification once per team and event, however often it is written.
    Several calls for one check share an `audience`."""
    audience = audience or Audience(store)
    down = audience.downstream(product["id"])
    teams = audience.recipients(product["id"], down)
    if not teams:
        return []
    hooks = audience.webhooks(teams)
    payload = {"event": event, "product": {"id": product["id"], "name": product.get("name")},
               **body, "downstream": {"products": down["products"][:MAX_LISTED],
                                      "products_total": len(down["products"]),
                                      "datasets": down["datasets"][:MAX_LISTED],
                                      "datasets_total": len(down["datasets"])}}
    owned: dict[str, list[str]] = {}
    for p in down["products"]:
        for o in down["owners"].get(p, []):
            owned.setdefault(o, []).append(p)
    return [{"id": f"notification:{key}|{event}|{t}", "team": t, "kind": event,
             "product": product["id"],
             "payload": orjson.dumps({**payload, "team": t,
                                      "team_products": owned.get(t, [])},
                                     default=str, option=orjson.OPT_SORT_KEYS).decode(),
             "status": PENDING if t in hooks else UNSENT} for t in teams]
