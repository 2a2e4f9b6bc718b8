"""GraphQL errors carry a code in `extensions.code`; store errors are mapped to theirs."""

from __future__ import annotations

from graphql import GraphQLError

from graph.errors import GraphError, StoreAuthError, StoreUnavailable

UNAVAILABLE = {StoreUnavailable.code, StoreAuthError.code}
RETRY_AFTER_S = "5"


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


def unavailable_status(errors: list[GraphQLError], execution_context) -> None:
    """An answer cut short because the graph store is down is a 503 with Retry-After, as
    on the HTTP routes, so load balancers and clients retry instead of trusting it."""
    if not any((e.extensions or {}).get("code") in UNAVAILABLE for e in errors):
        return
    for err in errors:
        if (err.extensions or {}).get("code") in UNAVAILABLE:
            err.message = "the graph store is unavailable; retry shortly"  # detail: the log
    response = getattr(getattr(execution_context, "context", None), "response", None)
    if response is not None:
        response.status_code = 503
        response.headers["Retry-After"] = RETRY_AFTER_S
