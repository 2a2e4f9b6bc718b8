from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.scalars import JSON

from catalog.api.graphql.context import Context
from catalog.api.graphql.types.certification import Certification
from catalog.api.graphql.types.common import OwnedTagged, json_field
from catalog.api.graphql.types.data_contract import DataContract
from catalog.api.graphql.types.dataset import Dataset
from catalog.api.graphql.types.incident import Incident
from catalog.api.graphql.types.node import Node, base_fields, mapper
from catalog.api.graphql.types.product_health import ProductHealth
from catalog.api.graphql.types.rating import Rating
from catalog.api.graphql.types.rating_summary import RatingSummary
from catalog.api.graphql.types.subscription import Subscription
from catalog.marketplace import MarketplaceService
from catalog.sla import SlaService
from graph import Rel
from graph.labels import Direction
from graph.props import now_iso

if TYPE_CHECKING:
    from catalog.api.graphql.types.domain import Domain

DomainRef = Annotated["Domain", strawberry.lazy("catalog.api.graphql.types.domain")]


@mapper("DataProduct")
@strawberry.type(description="A domain's data product: datasets served under one contract.")
class DataProduct(OwnedTagged, Node):
    version: str | None = None
    description: str | None = None
    status: str | None = None
    sla: JSON | None = None
    output_ports: JSON | None = None
    contract: DataContract | None = None

    @classmethod
    def from_node(cls, row: dict[str, Any]) -> DataProduct:
        return cls(**base_fields(row), version=row.get("version"),
                   description=row.get("description"), status=row.get("status"),
                   sla=json_field(row.get("sla")),
                   output_ports=json_field(row.get("output_ports")),
                   contract=DataContract.from_row(row))

    @strawberry.field
    async def domain(self, info: strawberry.Info[Context, None]) -> DomainRef | None:
        from catalog.api.graphql.types.domain import Domain

        pairs = await info.context.loaders.related(Rel.HAS_PRODUCT, Direction.IN).load(self.id)
        return Domain.from_node(pairs[0][1]) if pairs else None

    @strawberry.field
    async def datasets(self, info: strawberry.Info[Context, None]) -> list[Dataset]:
        pairs = await info.context.loaders.related(Rel.CONTAINS).load(self.id)
        return [Dataset.from_node(n) for _, n in pairs]

    # -- the marketplace ---------------------------------------------------------------------
    @strawberry.field(description="Mean, count and distribution of the current ratings.")
    async def rating(self, info: strawberry.Info[Context, None]) -> RatingSummary:
        svc = MarketplaceService(info.context.store)
        found = await asyncio.to_thread(svc.summaries, [str(self.id)])
        return RatingSummary.of(found[str(self.id)])

    @strawberry.field(description="Ratings, newest first (history: closed ones too).")
    async def ratings(self, info: strawberry.Info[Context, None],
                      history: bool = False) -> list[Rating]:
        svc = MarketplaceService(info.context.store)
        rows = await asyncio.to_thread(svc.ratings, str(self.id), history=history)
        return [Rating.from_row(r) for r in rows]

    @strawberry.field(description="The current, unexpired certification by a steward.")
    async def certification(self, info: strawberry.Info[Context, None]
                            ) -> Certification | None:
        svc = MarketplaceService(info.context.store)
        found = await asyncio.to_thread(svc.certifications, [str(self.id)], now_iso())
        row = found.get(str(self.id))
        return Certification.from_row(row) if row else None

    @strawberry.field(description="Health against the SLA (freshness, runs, volume).")
    async def health(self, info: strawberry.Info[Context, None]) -> ProductHealth | None:
        svc = SlaService(info.context.store, info.context.settings)
        found = await asyncio.to_thread(svc.health, [str(self.id)])
        return ProductHealth.of(found[str(self.id)]) if str(self.id) in found else None

    @strawberry.field(description="Incidents, newest first.")
    async def incidents(self, info: strawberry.Info[Context, None],
                        first: int = 20) -> list[Incident]:
        svc = SlaService(info.context.store, info.context.settings)
        rows = await asyncio.to_thread(svc.incidents, [str(self.id)], min(max(first, 1), 500))
        return [Incident.from_row(r) for r in rows]

    @strawberry.field(description="Open subscriptions.")
    async def subscriptions(self, info: strawberry.Info[Context, None]) -> list[Subscription]:
        svc = MarketplaceService(info.context.store)
        rows = await asyncio.to_thread(svc.subscribers, str(self.id))
        return [Subscription.from_row(r) for r in rows]
