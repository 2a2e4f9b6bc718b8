"""Stewardship: a person's decisions on classifications, tags, owners and descriptions."""

from catalog.stewardship.items import (
    ClassificationItem,
    DescriptionItem,
    NotClassified,
    OwnerItem,
    TagItem,
)
from catalog.stewardship.service import StewardshipService

__all__ = ["ClassificationItem", "DescriptionItem", "NotClassified", "OwnerItem",
           "StewardshipService", "TagItem"]
