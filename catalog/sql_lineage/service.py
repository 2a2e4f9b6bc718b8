"""Parse failures of SQL lineage (views, dbt models, OpenLineage `sql` facets), listed so a
steward sees which job's SQL gave no lineage and why, instead of lineage silently missing."""

from __future__ import annotations

from dataclasses import dataclass

from graph import GraphStore
from graph import sql_lineage as gsql
from graph.errors import InvalidInput

MAX_PAGE = 1000


@dataclass(frozen=True)
class ParseFailure:
    job: str
    namespace: str | None
    name: str | None
    type: str | None          # VIEW, MODEL, SNAPSHOT, or the OpenLineage job type
    error: str
    dialect: str | None
    last_seen: str | None


class SqlLineageService:
    def __init__(self, store: GraphStore):
        self.store = store

    def failures(self, *, first: int = 100, offset: int = 0) -> list[ParseFailure]:
        """Open jobs whose SQL did not parse, newest first."""
        if not 1 <= first <= MAX_PAGE:
            raise InvalidInput("first", f"must be between 1 and {MAX_PAGE}")
        if offset < 0:
            raise InvalidInput("offset", "must not be negative")
        return [ParseFailure(job=r["id"], namespace=r["namespace"], name=r["name"],
                             type=r["type"], error=r["error"], dialect=r["dialect"],
                             last_seen=r["last_seen"])
                for r in gsql.parse_failures(self.store, skip=offset, limit=first)]
