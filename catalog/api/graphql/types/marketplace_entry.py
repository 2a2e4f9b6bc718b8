"""One product on the marketplace page, with what consumers browse by."""

from __future__ import annotations

import strawberry

from catalog.api.graphql.types.certification import Certification
from catalog.api.graphql.types.data_product import DataProduct
from catalog.api.graphql.types.product_health import ProductHealth
from catalog.api.graphql.types.rating_summary import RatingSummary
from catalog.marketplace.listing import Entry


@strawberry.type(description="A data product on the marketplace.")
class MarketplaceEntry:
    product: DataProduct
    domain_id: strawberry.ID | None
    owners: list[str]
    rating: RatingSummary
    certification: Certification | None
    health: ProductHealth
    subscribers: int
    usage: int = strawberry.field(description="Views and reads over the last 30 days.")

    @classmethod
    def of(cls, e: Entry) -> MarketplaceEntry:
        return cls(product=DataProduct.from_node(e.product), domain_id=e.domain,
                   owners=e.owners, rating=RatingSummary.of(e.rating),
                   certification=Certification.from_row(e.certification)
                   if e.certification else None, health=ProductHealth.of(e.health),
                   subscribers=e.subscribers, usage=e.usage)
