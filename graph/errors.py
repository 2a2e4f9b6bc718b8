"""Errors raised by the store; each names the field or id at fault."""


class GraphError(Exception):
    """Base class of store errors."""

    code = "GRAPH_ERROR"


class InvalidInput(GraphError, ValueError):
    """Refused before any query runs: an unknown label, a malformed id, a bad property."""

    code = "BAD_INPUT"

    def __init__(self, path: str, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class NotFound(GraphError, LookupError):
    code = "NOT_FOUND"

    def __init__(self, id_: str):
        self.id = id_
        super().__init__(f"no node with id {id_!r}")


class StaleGuardError(GraphError):
    """Close-stale refused: it would close more than the allowed share of a scope."""

    code = "STALE_GUARD"

    def __init__(self, scope: str, stale: int, total: int, max_ratio: float):
        self.scope, self.stale, self.total, self.max_ratio = scope, stale, total, max_ratio
        super().__init__(
            f"refusing to close {stale} of {total} facts of scope {scope!r} "
            f"({stale / max(total, 1):.0%} > allowed {max_ratio:.0%}); nothing was closed"
        )


class StoreUnavailable(GraphError):
    """The engine cannot be reached (down, restarting, wrong address); retry later."""

    code = "STORE_UNAVAILABLE"


class StoreAuthError(GraphError):
    """The engine refused the credentials; the message names the user, never the password."""

    code = "STORE_AUTH"
