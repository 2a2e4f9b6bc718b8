"""Schema factory: Query and Mutation merged from one class per feature."""

from __future__ import annotations

import strawberry
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext

from catalog.api.graphql.errors import add_codes, unavailable_status
from catalog.api.graphql.execution import FastExecutionContext
from catalog.api.graphql.hardening import extensions
from catalog.api.graphql.mutations.governance import GovernanceMutations
from catalog.api.graphql.mutations.marketplace import MarketplaceMutations
from catalog.api.graphql.mutations.stewardship import StewardshipMutations
from catalog.api.graphql.queries.audit import AuditQueries
from catalog.api.graphql.queries.entities import EntityQueries
from catalog.api.graphql.queries.governance import GovernanceQueries
from catalog.api.graphql.queries.lineage import LineageQueries
from catalog.api.graphql.queries.marketplace import MarketplaceQueries
from catalog.api.graphql.queries.preview import PreviewQueries
from catalog.api.graphql.queries.search import SearchQueries
from catalog.api.graphql.queries.sql_lineage import SqlLineageQueries
from catalog.api.graphql.queries.viewer import ViewerQueries
from catalog.api.graphql.types import ALL_TYPES
from catalog.settings import Settings

QUERIES: tuple[type, ...] = (EntityQueries, ViewerQueries, LineageQueries, GovernanceQueries,
                             SearchQueries, SqlLineageQueries, AuditQueries, MarketplaceQueries,
                             PreviewQueries)
MUTATIONS: tuple[type, ...] = (StewardshipMutations, GovernanceMutations, MarketplaceMutations)


class CatalogSchema(strawberry.Schema):
    def process_errors(self, errors, execution_context: ExecutionContext | None = None) -> None:
        add_codes(errors)
        unavailable_status(errors, execution_context)
        super().process_errors(errors, execution_context)


def build_schema(settings: Settings | None = None) -> strawberry.Schema:
    query = merge_types("Query", QUERIES)
    mutation = merge_types("Mutation", MUTATIONS) if MUTATIONS else None
    return CatalogSchema(query=query, mutation=mutation, types=ALL_TYPES,
                         extensions=extensions(settings or Settings()),
                         execution_context_class=FastExecutionContext)


def sdl() -> str:
    return build_schema().as_str() + "\n"
