"""Identifier-aware, typo-tolerant keyword search over the catalog, held in memory.

tokenize (identifiers -> canonical tokens) -> index (postings, kept in step with the store)
-> query (terms and the tokens they may match) -> rank (scores) -> facets / explain; and
autocomplete. `build` fills an index from the store; `service` is what the API calls.
"""

from catalog.search.docs import Kind
from catalog.search.index import SearchIndex
from catalog.search.service import SearchRequest, SearchResult, SearchService

__all__ = ["Kind", "SearchIndex", "SearchRequest", "SearchResult", "SearchService"]
