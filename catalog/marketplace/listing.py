"""The marketplace page: open products with what a consumer browses by (domain, rating,
certification, SLA health, subscribers, usage), a page at a time.

At 10,000 products the page cannot afford each product's details: it sorts and filters on
what is cheap to read for all (ids and names, filtered by domain and text in Cypher; every
current rating and certification, which are few), and reads the rest (owners, datasets, SLA
health, subscribers, usage) for the page's products only. Only a `health` filter needs the
health of every candidate (the SLA evaluation of each: seconds at 10,000)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from catalog.marketplace import checks
from catalog.marketplace.aggregates import RatingSummary, summarize
from catalog.marketplace.service import CERTIFIED
from catalog.marketplace.usage import UsageService
from catalog.settings import Settings
from catalog.sla import Health, SlaService
from catalog.sla.evaluate import FAILING, HEALTHY, LATE, UNKNOWN, iso
from graph import GraphStore
from graph import marketplace as gm
from graph.errors import InvalidInput

STATES = (HEALTHY, LATE, FAILING, UNKNOWN)
MAX_PAGE = 500


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


def _ratings(store: GraphStore) -> dict[str, RatingSummary]:
    stars: dict[str, list[int]] = {}
    for r in gm.current_ratings(store):
        stars.setdefault(r["product"], []).append(r["stars"])
    return {p: summarize(s) for p, s in stars.items()}


def _certifications(store: GraphStore) -> dict[str, dict[str, Any]]:
    """The current, unexpired certification of each product that has one."""
    now = iso(datetime.now(UTC))
    return {e["product"]: e for e in gm.current_endorsements(store, CERTIFIED)
            if e.get("expires_at") is None or e["expires_at"] > now}


def browse(store: GraphStore, settings: Settings, *, domain: str | None = None,
           min_rating: float | None = None, certified: bool | None = None,
           health: str | None = None, text: str | None = None, first: int | None = None,
           after: str | None = None) -> list[Entry]:
    """Open products, filtered; best rated first, then by name (then id): the `first`
    after the product `after` (the last of the page before; None: from the start)."""
    if min_rating is not None and not 1 <= min_rating <= 5:
        raise InvalidInput("min_rating", f"must be between 1 and 5, got {min_rating}")
    if health is not None and health not in STATES:
        raise InvalidInput("health", f"must be one of {', '.join(STATES)}")
    if first is not None and not 1 <= first <= MAX_PAGE:
        raise InvalidInput("first", f"must be between 1 and {MAX_PAGE}, got {first}")
    text = (checks.text(text, "text", limit=200) or "").lower() or None
    if domain:
        domain = domain if domain.startswith("domain:") else f"domain:{domain}"
    rows = gm.market_products(store, domain=domain or None, text=text)
    ratings, certs = _ratings(store), _certifications(store)
    none = RatingSummary()
    if min_rating is not None:
        rows = [r for r in rows if (ratings.get(r["id"], none).mean or 0) >= min_rating]
    if certified is not None:
        rows = [r for r in rows if (r["id"] in certs) == certified]
    rows.sort(key=lambda r: (-(ratings.get(r["id"], none).mean or 0),
                             r["name"] or r["id"], r["id"]))
    sla = SlaService(store, settings)
    healths: dict[str, Health] = {}
    if health is not None and rows:  # the one filter that needs every candidate's details
        healths = sla.health([r["id"] for r in rows])
        rows = [r for r in rows if healths[r["id"]].state == health]
    if after is not None:
        at = next((k for k, r in enumerate(rows) if r["id"] == after), None)
        if at is None:
            raise InvalidInput("after", f"{after!r} is not a product of these results")
        rows = rows[at + 1:]
    page = [r["id"] for r in (rows if first is None else rows[:first])]
    return _entries(store, sla, page, ratings, certs, healths)


def _entries(store: GraphStore, sla: SlaService, page: list[str],
             ratings: dict[str, RatingSummary], certs: dict[str, dict[str, Any]],
             healths: dict[str, Health]) -> list[Entry]:
    """The page's products with their details, in the page's order."""
    if not page:
        return []
    found = {r["product"]["id"]: r for r in gm.listing(store, page)}
    page = [p for p in page if p in found]  # closed meanwhile
    missing = [p for p in page if p not in healths]
    if missing:
        healths = {**healths, **sla.health(missing)}
    subs: dict[str, int] = {}
    for s in gm.subscribers(store, page):
        subs[s["product"]] = subs.get(s["product"], 0) + 1
    usage = UsageService(store).totals_of({p: found[p]["datasets"] for p in page})
    return [Entry({**found[p]["product"], "label": "DataProduct"}, found[p]["domain"],
                  found[p]["owners"], ratings.get(p) or RatingSummary(), certs.get(p),
                  healths[p], subs.get(p, 0), usage.get(p, 0)) for p in page]
