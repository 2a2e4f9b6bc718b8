"""search(input) and autocomplete(input), over the in-memory index beside the store."""

from __future__ import annotations

import asyncio

import strawberry

from catalog.api.graphql.arguments import argument_paths
from catalog.api.graphql.context import Context
from catalog.api.graphql.errors import CatalogGraphQLError
from catalog.api.graphql.types.autocomplete_input import AutocompleteInput
from catalog.api.graphql.types.autocomplete_results import AutocompleteResults
from catalog.api.graphql.types.autocomplete_suggestion import AutocompleteSuggestion
from catalog.api.graphql.types.connection import decode_cursor
from catalog.api.graphql.types.search_input import SearchInput
from catalog.api.graphql.types.search_results import SearchResults
from catalog.search import Kind, SearchRequest, SearchService
from graph.errors import InvalidInput

Info = strawberry.Info[Context, None]


def _service(info: Info) -> SearchService:
    runtime = info.context.runtime
    service = runtime.search_service if runtime is not None else None
    if service is None:
        raise CatalogGraphQLError("search is not available: the index is not built",
                                  "UNAVAILABLE")
    return service


def _offset(after: str | None) -> int:
    """Cursors are positions in the ranking: `after` the hit at position p is p + 1."""
    if after is None:
        return 0
    try:
        text = decode_cursor(after) or ""
    except InvalidInput:
        text = ""
    prefix, _, pos = text.partition(":")
    if prefix != "search" or not pos.isdigit():
        raise InvalidInput("after", f"not a search cursor: {after!r}")
    return int(pos) + 1


def _kinds(kinds) -> list[Kind] | None:
    return [Kind[k.name] for k in kinds] if kinds else None


@strawberry.type
class SearchQueries:
    @strawberry.field(description="Keyword search over datasets, columns, jobs, data products "
                      "and domains: identifiers split, abbreviations expanded, typos forgiven.")
    async def search(self, info: Info, input: SearchInput) -> SearchResults:
        with argument_paths("input", offset="after"):
            request = SearchRequest(query=input.query, kinds=_kinds(input.kinds),
                                    filters=input.filters.as_dict() if input.filters else {},
                                    first=input.first, offset=_offset(input.after),
                                    explain=input.explain)
            result = await asyncio.to_thread(_service(info).search, request)
        return SearchResults.from_result(result)

    @strawberry.field(description="Names completing what is being typed.")
    async def autocomplete(self, info: Info, input: AutocompleteInput) -> AutocompleteResults:
        with argument_paths("input"):
            found = await asyncio.to_thread(_service(info).autocomplete, input.prefix,
                                            _kinds(input.kinds), input.limit)
        return AutocompleteResults(prefix=input.prefix,
                                   suggestions=[AutocompleteSuggestion.from_hit(s)
                                                for s in found])
