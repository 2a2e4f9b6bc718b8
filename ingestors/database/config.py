"""The database source's recipe config."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from ingestors.base import Patterns, SourceConfig


class ClassificationOptions(SourceConfig):
    """Sample values per column for the classifier (handed over, never stored)."""

    enabled: bool = False
    sample_size: int = Field(100, ge=1, le=10_000)


class NamingOptions(SourceConfig):
    """Override the host/port/database that dataset ids are named with, when the catalog
    should use the name producers of OpenLineage events use (a DNS name, not 127.0.0.1)."""

    host: str | None = None
    port: int | None = Field(None, ge=1, le=65535)
    database: str | None = None


class DatabaseConfig(SourceConfig):
    url: str = Field(description="SQLAlchemy URL, e.g. postgresql://user@host:5432/db")
    schemas: Patterns = Patterns()
    tables: Patterns = Field(Patterns(), description="matched against `table` and "
                                                    "`schema.table`")
    views: bool = Field(True, description="harvest views and materialized views")
    view_lineage: bool = Field(True, description="parse view definitions into lineage")
    row_counts: bool = Field(False, description="count rows of each table (a full scan)")
    classification: ClassificationOptions = ClassificationOptions()
    naming: NamingOptions = NamingOptions()
    connect_args: dict[str, Any] = {}
