"""Marketplace mutations: request, decide, end; rate, certify; team webhooks; page views.

Thin: each calls one service method in a thread (the place an audit hook goes) with the
caller as the actor; the service decides who may (owner team, steward, admin) and says so
with FORBIDDEN naming the argument. Every mutation but recordView needs a token.
"""

from __future__ import annotations

import asyncio

import strawberry

from catalog.api.graphql.arguments import argument_paths
from catalog.api.graphql.context import Context
from catalog.api.graphql.permissions import has_role
from catalog.api.graphql.types.access_request import AccessRequest
from catalog.api.graphql.types.certification import Certification
from catalog.api.graphql.types.rating import Rating
from catalog.api.graphql.types.team_webhook import TeamWebhook
from catalog.auth import Role
from catalog.crypto import secret_box
from catalog.marketplace import Actor, MarketplaceService
from catalog.marketplace.webhooks import WebhookService
from catalog.runtime.usage import VIEW
from graph.errors import InvalidInput
from graph.labels import label_of

Info = strawberry.Info[Context, None]
IsAuthenticated = has_role(Role.READER)  # any token; the service checks the rest


@strawberry.input
class AccessRequestInput:
    product_id: strawberry.ID
    purpose: str
    port: str | None = strawberry.field(default=None, description="An output port's name.")
    team: str | None = strawberry.field(default=None, description="The team that consumes "
                                        "(default: the token's name).")


@strawberry.input
class RatingInput:
    product_id: strawberry.ID
    stars: int = strawberry.field(description="1 to 5")
    comment: str | None = None
    team: str | None = None


@strawberry.input
class CertificationInput:
    product_id: strawberry.ID
    note: str | None = None
    expires_at: str | None = strawberry.field(default=None, description="ISO-8601 time.")


@strawberry.input
class TeamWebhookInput:
    team: str
    url: str = strawberry.field(description="http(s) URL notifications are POSTed to.")
    secret: str = strawberry.field(description="Shared secret of the HMAC-SHA256 "
                                   "signature (X-Mesh-Signature), 16-256 characters.")


def _svc(info: Info) -> tuple[MarketplaceService, Actor]:
    return MarketplaceService(info.context.store), Actor.of(info.context.principal)


def authenticated(description: str):
    return strawberry.mutation(permission_classes=[IsAuthenticated], description=description)


@strawberry.type
class MarketplaceMutations:
    @authenticated("Ask for access to a data product (or one of its output ports).")
    async def request_access(self, info: Info, input: AccessRequestInput) -> AccessRequest:
        svc, actor = _svc(info)
        with argument_paths("input"):
            row = await asyncio.to_thread(svc.request_access, actor, str(input.product_id),
                                          input.purpose, port=input.port, team=input.team)
        return AccessRequest.from_row(row)

    @authenticated("Approve a pending request (the product's owner team, a steward or an "
                   "admin): the consumer is subscribed.")
    async def approve_access_request(self, info: Info, id: strawberry.ID,
                                     reason: str | None = None) -> AccessRequest:
        svc, actor = _svc(info)
        with argument_paths(request_id="id"):
            row = await asyncio.to_thread(svc.decide, actor, str(id), True, reason)
        return AccessRequest.from_row(row)

    @authenticated("Deny a pending request, with a reason.")
    async def deny_access_request(self, info: Info, id: strawberry.ID,
                                  reason: str) -> AccessRequest:
        svc, actor = _svc(info)
        with argument_paths(request_id="id"):
            row = await asyncio.to_thread(svc.decide, actor, str(id), False, reason)
        return AccessRequest.from_row(row)

    @authenticated("End a subscription (or withdraw a pending request).")
    async def end_subscription(self, info: Info, id: strawberry.ID,
                               reason: str | None = None) -> AccessRequest:
        svc, actor = _svc(info)
        with argument_paths(request_id="id"):
            row = await asyncio.to_thread(svc.end, actor, str(id), reason)
        return AccessRequest.from_row(row)

    @authenticated("Rate a product 1-5; rating again replaces the current rating.")
    async def rate_product(self, info: Info, input: RatingInput) -> Rating:
        svc, actor = _svc(info)
        with argument_paths("input"):
            row = await asyncio.to_thread(svc.rate, actor, str(input.product_id), input.stars,
                                          input.comment, team=input.team)
        return Rating.from_row(row)

    @authenticated("Certify a product (steward or admin), with a note and an expiry.")
    async def certify_product(self, info: Info, input: CertificationInput) -> Certification:
        svc, actor = _svc(info)
        with argument_paths("input"):
            row = await asyncio.to_thread(svc.certify, actor, str(input.product_id),
                                          input.note, input.expires_at)
        return Certification.from_row(row)

    @authenticated("Set a team's webhook (the team itself, a steward or an admin).")
    async def set_team_webhook(self, info: Info, input: TeamWebhookInput) -> TeamWebhook:
        ctx, runtime = info.context, info.context.runtime
        secrets = runtime.secrets if runtime is not None else \
            secret_box(ctx.settings, ctx.store)
        svc = WebhookService(ctx.store, ctx.settings, secrets)
        with argument_paths("input"):
            row = await asyncio.to_thread(svc.set, Actor.of(ctx.principal), input.team, input.url,
                                          input.secret)
        return TeamWebhook.from_row(row)

    @strawberry.mutation(description="Count a view of a product or dataset page (in memory, "
                                     "flushed in batches).")
    def record_view(self, info: Info, id: strawberry.ID) -> bool:
        try:
            label_of(str(id))
        except InvalidInput as exc:
            raise InvalidInput("id", exc.reason) from None
        runtime = info.context.runtime
        if runtime is None or runtime.usage is None:
            return False
        runtime.usage.count(str(id), VIEW)
        return True
