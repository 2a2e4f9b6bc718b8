"""Who hears about an incident and what they are told: the product's subscribers and the
owners of the products downstream of it (through lineage), one notification per team.
A team with a webhook gets its notification as a pending delivery (the outbox the runtime's
deliverer sends); every notification is also in the UI's list."""

from __future__ import annotations

import json
from typing import Any

from catalog.lineage.mesh import mesh_lineage
from catalog.lineage.model import LineageDirection
from graph import GraphStore, Label
from graph import marketplace as gm

PENDING, UNSENT = "pending", "unsent"


def downstream(store: GraphStore, product_id: str, depth: int = 5) -> dict[str, Any]:
    """The products downstream of a product, their owners, and the datasets that carry it."""
    found = mesh_lineage(store, Label.DATA_PRODUCT, product_id,
                         direction=LineageDirection.DOWNSTREAM, depth=depth)
    products = [n.id for n in found.nodes if n.id != product_id]
    datasets = sorted({e.downstream for d in found.dependencies for e in d.edges})
    owners = {r["product"]["id"]: r["owners"] for r in gm.listing(store, products)} \
        if products else {}
    return {"products": products, "datasets": datasets, "owners": owners}


def recipients(store: GraphStore, product_id: str, down: dict[str, Any]) -> list[str]:
    subs = [s["consumer"] for s in gm.subscribers(store, [product_id])]
    owners = [o for p in down["products"] for o in down["owners"].get(p, [])]
    return sorted(set(subs) | set(owners))


def rows(store: GraphStore, event: str, key: str, product: dict[str, Any],
         body: dict[str, Any]) -> list[dict[str, Any]]:
    """The notifications of `event` about `product` to everyone affected (reads only: the
    caller writes them in the transaction that records the event, so neither is lost).
    `key` makes a notification once per team and event, however often it is written."""
    down = downstream(store, product["id"])
    teams = recipients(store, product["id"], down)
    if not teams:
        return []
    hooks = gm.webhooks(store, teams)
    payload = {"event": event, "product": {"id": product["id"], "name": product.get("name")},
               **body, "downstream": {"products": down["products"],
                                      "datasets": down["datasets"]}}
    return [{"id": f"notification:{key}|{event}|{t}", "team": t, "kind": event,
             "product": product["id"],
             "payload": json.dumps({**payload, "team": t}, sort_keys=True),
             "status": PENDING if t in hooks else UNSENT} for t in teams]
