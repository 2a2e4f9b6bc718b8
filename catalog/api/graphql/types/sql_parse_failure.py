from __future__ import annotations

import strawberry

from catalog.sql_lineage.service import ParseFailure


@strawberry.type(description="A job whose SQL did not parse, so it has no SQL lineage.")
class SqlParseFailure:
    job: strawberry.ID = strawberry.field(description="The job (a view, a dbt model, an "
                                                      "OpenLineage job with a sql facet).")
    namespace: str | None
    name: str | None
    type: str | None
    error: str = strawberry.field(description="The parser's message, with the dialect.")
    dialect: str | None = strawberry.field(description="The SQL dialect it was read in.")
    last_seen: str | None

    @classmethod
    def of(cls, f: ParseFailure) -> SqlParseFailure:
        return cls(job=strawberry.ID(f.job), namespace=f.namespace, name=f.name, type=f.type,
                   error=f.error, dialect=f.dialect, last_seen=f.last_seen)
