"""The demo's marketplace: consumers subscribed (one request still pending in an owner's
inbox), ratings with comments, a certification, and SLA health from OpenLineage runs sent
through the receiver: finance/revenue fresh, sales/orders late (its nightly load stopped
two days ago, so it has an open incident). Idempotent: what is there already is kept."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from catalog.auth import Role
from catalog.demo.shop import PG, WH
from catalog.marketplace import Actor, MarketplaceService
from catalog.settings import Settings
from catalog.sla import SlaService
from graph import GraphStore
from identity import ids

PRODUCER = "https://github.com/mesh-catalog/demo"
NS = "demo-scheduler"
# (product, consumer token name, team, purpose, owner who approves or None: pending)
REQUESTS = [
    ("sales/customers", "team-marketing/maya", "team-marketing", "campaign audiences",
     "team-sales"),
    ("sales/orders", "team-finance/fred", "team-finance", "daily revenue", "team-sales"),
    ("finance/revenue", "team-marketing/maya", "team-marketing", "campaign ROI", None),
]
RATINGS = [
    ("sales/customers", "team-marketing/maya", 5, "clean ids, documented PII"),
    ("sales/customers", "team-finance/fred", 4, None),
    ("sales/orders", "team-finance/fred", 2, "often late"),
    ("finance/revenue", "team-marketing/maya", 4, "exactly what we need"),
]
# job -> (output dataset, [(days ago, rows)]): the last successful run of each
RUNS = {
    "nightly_orders": ((PG, "shop.public.orders"), [(4, 10_200), (3, 10_350), (2, 10_410)]),
    "revenue_daily": ((WH, "analytics.finance.revenue_daily"),
                      [(2, 730), (1, 731), (1 / 24, 733)]),
}


def _event(job: str, ns_name: tuple[str, str], when: datetime, rows: int) -> dict[str, Any]:
    run = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{job}/{when:%Y-%m-%dT%H}"))
    stats = {"_producer": PRODUCER, "_schemaURL": "https://openlineage.io/spec/facets/1-0-2/"
             "OutputStatisticsOutputDatasetFacet.json", "rowCount": rows}
    return {"eventType": "COMPLETE", "eventTime": when.isoformat(), "producer": PRODUCER,
            "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
            "run": {"runId": run}, "job": {"namespace": NS, "name": job}, "inputs": [],
            "outputs": [{"namespace": ns_name[0], "name": ns_name[1],
                         "outputFacets": {"outputStatistics": stats}}]}


def load_marketplace(store: GraphStore, settings: Settings,
                     send_events: Callable[[bytes], Any]) -> dict[str, int]:
    svc = MarketplaceService(store)
    steward = Actor("demo-steward", Role.STEWARD)
    made = {"requests": 0, "ratings": 0}
    for product, who, team, purpose, owner in REQUESTS:
        pid = ids.product_id(*product.split("/"))
        if svc.requests(product_ids=[pid], requested_by=who):
            continue
        req = svc.request_access(Actor(who, Role.CONSUMER), pid, purpose, team=team)
        made["requests"] += 1
        if owner is not None:
            svc.decide(Actor(owner, Role.CONSUMER), req["id"], True, "welcome")
    for product, who, stars, comment in RATINGS:
        pid = ids.product_id(*product.split("/"))
        if not any(r["consumer"] == who for r in svc.ratings(pid)):
            svc.rate(Actor(who, Role.CONSUMER), pid, stars, comment)
            made["ratings"] += 1
    customers = ids.product_id("sales", "customers")
    if not svc.certifications([customers], datetime.now(UTC).isoformat()):
        svc.certify(steward, customers, "reviewed by data governance")
    now = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    events = [_event(job, out, now - timedelta(days=d), rows)
              for job, (out, runs) in RUNS.items() for d, rows in runs]
    send_events("\n".join(json.dumps(e) for e in events).encode())
    sla = SlaService(store, settings)
    run_ids = [ids.run_id(e["run"]["runId"]) for e in events]
    sla.record_runs(run_ids)  # now, not when the monitor next looks
    made["incidents"] = len(sla.check().opened)
    return made
