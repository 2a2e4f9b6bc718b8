"""The marketplace page: open products with what a consumer browses by (domain, rating,
certification, SLA health, subscribers, usage), read in a handful of bulk queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from catalog.marketplace import checks
from catalog.marketplace.aggregates import RatingSummary
from catalog.marketplace.service import MarketplaceService
from catalog.marketplace.usage import UsageService
from catalog.settings import Settings
from catalog.sla import Health, SlaService
from catalog.sla.evaluate import FAILING, HEALTHY, LATE, UNKNOWN, iso
from graph import GraphStore
from graph import marketplace as gm
from graph.errors import InvalidInput

STATES = (HEALTHY, LATE, FAILING, UNKNOWN)


@dataclass
class Entry:
    product: dict[str, Any]
    domain: str | None
    owners: list[str]
    rating: RatingSummary
    certification: dict[str, Any] | None
    health: Health
    subscribers: int
    usage: int


def browse(store: GraphStore, settings: Settings, *, domain: str | None = None,
           min_rating: float | None = None, certified: bool | None = None,
           health: str | None = None, text: str | None = None) -> list[Entry]:
    """Open products, filtered; best rated first, then by name."""
    if min_rating is not None and not 1 <= min_rating <= 5:
        raise InvalidInput("min_rating", f"must be between 1 and 5, got {min_rating}")
    if health is not None and health not in STATES:
        raise InvalidInput("health", f"must be one of {', '.join(STATES)}")
    text = (checks.text(text, "text", limit=200) or "").lower()
    rows = gm.listing(store)
    if domain:
        rows = [r for r in rows if r["domain"] in (domain, f"domain:{domain}")]
    if text:
        rows = [r for r in rows if text in (r["product"].get("name") or "").lower()
                or text in (r["product"].get("description") or "").lower()]
    ids = [r["product"]["id"] for r in rows]
    market = MarketplaceService(store)
    ratings = market.summaries(ids)
    certs = market.certifications(ids, iso(datetime.now(UTC)))
    healths = SlaService(store, settings).health(ids) if ids else {}
    subs: dict[str, int] = {}
    for s in gm.subscribers(store, ids) if ids else []:
        subs[s["product"]] = subs.get(s["product"], 0) + 1
    usage = dict(UsageService(store).totals(days=30))
    out = []
    for r in rows:
        pid = r["product"]["id"]
        e = Entry({**r["product"], "label": "DataProduct"}, r["domain"], r["owners"],
                  ratings[pid], certs.get(pid), healths[pid], subs.get(pid, 0),
                  usage.get(pid, 0))
        if min_rating is not None and (e.rating.mean or 0) < min_rating:
            continue
        if certified is not None and (e.certification is not None) != certified:
            continue
        if health is not None and e.health.state != health:
            continue
        out.append(e)
    out.sort(key=lambda e: (-(e.rating.mean or 0), e.product.get("name") or e.product["id"]))
    return out
