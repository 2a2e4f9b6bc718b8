"""The data-product marketplace: requests, subscriptions, ratings, endorsements, webhooks."""

from catalog.marketplace.actor import Actor
from catalog.marketplace.errors import Conflict, Forbidden
from catalog.marketplace.service import MarketplaceService

__all__ = ["Actor", "Conflict", "Forbidden", "MarketplaceService"]
