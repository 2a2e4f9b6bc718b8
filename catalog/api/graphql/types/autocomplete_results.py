from __future__ import annotations

import strawberry

from catalog.api.graphql.types.autocomplete_suggestion import AutocompleteSuggestion


@strawberry.type
class AutocompleteResults:
    prefix: str
    suggestions: list[AutocompleteSuggestion]
