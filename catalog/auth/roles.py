"""Roles and what they allow. Every role reads; admin does everything."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    READER = "reader"
    CONSUMER = "consumer"  # requests access to data products, rates them
    STEWARD = "steward"  # tags, classifications, owners, descriptions
    INGEST = "ingest"  # OpenLineage events and recipes
    ADMIN = "admin"

    def allows(self, needed: Role) -> bool:
        return self is Role.ADMIN or needed is Role.READER or self is needed
