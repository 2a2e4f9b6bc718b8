"""Marketplace reads: browse products, requests (mine, my team's inbox), notifications,
health and incidents, most used and trending, and a product's preview."""

from __future__ import annotations

import asyncio

import strawberry

from catalog.api.errors import paths
from catalog.api.graphql.arguments import argument_path, argument_paths
from catalog.api.graphql.context import Context
from catalog.api.graphql.types.access_request import AccessRequest
from catalog.api.graphql.types.incident import Incident
from catalog.api.graphql.types.marketplace_entry import MarketplaceEntry
from catalog.api.graphql.types.notification import Notification
from catalog.api.graphql.types.product_health import ProductHealth
from catalog.api.graphql.types.usage_entry import UsageEntry
from catalog.marketplace import Actor, MarketplaceService
from catalog.marketplace.listing import browse
from catalog.marketplace.usage import UsageService
from catalog.sla import SlaService
from graph.errors import InvalidInput

Info = strawberry.Info[Context, None]
PAGING = ("first", "after")  # the marketplace's arguments beside its filter


@strawberry.input(description="Filters of the marketplace page (all optional).")
class MarketplaceFilter:
    domain: strawberry.ID | None = None
    min_rating: float | None = None
    certified: bool | None = None
    health: str | None = strawberry.field(default=None,
                                          description="healthy, late, failing or unknown")
    text: str | None = None


def _first(first: int, limit: int = 500) -> int:
    if not 0 < first <= limit:
        raise InvalidInput("first", f"must be between 1 and {limit}, got {first}")
    return first


@strawberry.type
class MarketplaceQueries:
    @strawberry.field(description="Browse data products with ratings, certification, SLA "
                                  "health, subscribers and usage: best rated first, then by "
                                  "name; `first` of them after the product `after` (the last "
                                  "one of the page before).")
    async def marketplace(self, info: Info, filter: MarketplaceFilter | None = None,
                          first: int = 100, after: strawberry.ID | None = None
                          ) -> list[MarketplaceEntry]:
        f = filter or MarketplaceFilter()
        with paths(lambda p: p if p in PAGING else argument_path(p, "filter")):
            entries = await asyncio.to_thread(
                browse, info.context.store, info.context.settings,
                domain=str(f.domain) if f.domain else None, min_rating=f.min_rating,
                certified=f.certified, health=f.health, text=f.text, first=first,
                after=str(after) if after is not None else None)
        return [MarketplaceEntry.of(e) for e in entries]

    @strawberry.field(description="Access requests, newest first: of a product, of a "
                                  "status, or the caller's own (mine).")
    async def access_requests(self, info: Info, product_id: strawberry.ID | None = None,
                              status: str | None = None, mine: bool = False,
                              first: int = 100) -> list[AccessRequest]:
        svc = MarketplaceService(info.context.store)
        rows = await asyncio.to_thread(
            svc.requests, product_ids=[str(product_id)] if product_id else None,
            status=status, requested_by=info.context.principal.name if mine else None,
            limit=_first(first))
        return [AccessRequest.from_row(r) for r in rows]

    @strawberry.field(description="Requests for the products the caller's team owns (a "
                                  "steward sees all): the owner's inbox.")
    async def request_inbox(self, info: Info, status: str | None = "pending",
                            first: int = 100) -> list[AccessRequest]:
        svc = MarketplaceService(info.context.store)
        rows = await asyncio.to_thread(svc.inbox, Actor.of(info.context.principal),
                                       status=status, limit=_first(first))
        return [AccessRequest.from_row(r) for r in rows]

    @strawberry.field(description="Notifications of a team (default: the caller's team; "
                                  "a steward without team: all).")
    async def notifications(self, info: Info, team: str | None = None,
                            first: int = 50) -> list[Notification]:
        actor = Actor.of(info.context.principal)
        teams = [team] if team else (None if actor.is_steward else
                                     sorted({actor.name, actor.team}))
        rows = await asyncio.to_thread(MarketplaceService(info.context.store).notifications,
                                       teams, _first(first))
        return [Notification.from_row(r) for r in rows]

    @strawberry.field(description="A product's health against its SLA, now.")
    async def product_health(self, info: Info, id: strawberry.ID) -> ProductHealth | None:
        svc = SlaService(info.context.store, info.context.settings)
        found = await asyncio.to_thread(svc.health, [str(id)])
        return ProductHealth.of(found[str(id)]) if str(id) in found else None

    @strawberry.field(description="Incidents (open and closed) of products, newest first; "
                                  "all open ones when no product is given.")
    async def incidents(self, info: Info, product_ids: list[strawberry.ID] | None = None,
                        first: int = 50) -> list[Incident]:
        svc = SlaService(info.context.store, info.context.settings)
        if product_ids:
            rows = await asyncio.to_thread(svc.incidents, [str(p) for p in product_ids],
                                           _first(first))
        else:
            rows = (await asyncio.to_thread(svc.open_incidents))[:_first(first)]
        return [Incident.from_row(r) for r in rows]

    @strawberry.field(description="The most used products over the last `days` days.")
    async def most_used_products(self, info: Info, days: int = 30, first: int = 10
                                 ) -> list[UsageEntry]:
        with argument_paths():
            rows = await asyncio.to_thread(UsageService(info.context.store).most_used, days,
                                           _first(first))
        return [UsageEntry(product_id=p, score=n) for p, n in rows]

    @strawberry.field(description="Products whose use grows fastest (last 3 days against "
                                  "the 14 before).")
    async def trending_products(self, info: Info, first: int = 10) -> list[UsageEntry]:
        rows = await asyncio.to_thread(UsageService(info.context.store).trending,
                                       _first(first))
        return [UsageEntry(product_id=p, score=round(s, 4)) for p, s in rows]
