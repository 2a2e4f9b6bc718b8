"""GraphQL errors carry a code in `extensions.code`; store errors are mapped to theirs."""

from __future__ import annotations

from graphql import GraphQLError

from graph.errors import GraphError


class CatalogGraphQLError(GraphQLError):
    def __init__(self, message: str, code: str, **extra: object):
        super().__init__(message, extensions={"code": code, **extra})


def add_codes(errors: list[GraphQLError]) -> None:
    """Give every error a code: the store's for GraphError, INTERNAL for the unexpected."""
    for err in errors:
        ext = dict(err.extensions or {})
        if "code" in ext:
            continue
        orig = err.original_error
        if isinstance(orig, GraphError):
            ext["code"] = orig.code
            path = getattr(orig, "path", None)
            if path:
                ext["field"] = path
        elif orig is None:
            ext["code"] = "GRAPHQL_VALIDATION_FAILED"
        else:
            ext["code"] = "INTERNAL"
        err.extensions = ext
