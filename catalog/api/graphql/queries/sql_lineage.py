"""sqlParseFailures: the jobs whose SQL gave no lineage, and why."""

from __future__ import annotations

import asyncio

import strawberry

from catalog.api.graphql.arguments import argument_paths
from catalog.api.graphql.context import Context
from catalog.api.graphql.types.sql_parse_failure import SqlParseFailure
from catalog.sql_lineage.service import SqlLineageService


@strawberry.type
class SqlLineageQueries:
    @strawberry.field(description="Jobs (views, dbt models, OpenLineage jobs with a sql "
                                  "facet) whose SQL did not parse, newest first.")
    async def sql_parse_failures(self, info: strawberry.Info[Context, None], first: int = 100,
                                 offset: int = 0) -> list[SqlParseFailure]:
        svc = SqlLineageService(info.context.store)
        with argument_paths():
            found = await asyncio.to_thread(svc.failures, first=first, offset=offset)
        return [SqlParseFailure.of(f) for f in found]
