"""The marketplace's own errors (the API layers give them their codes and argument paths)."""

from __future__ import annotations

from graph.errors import GraphError


class Forbidden(GraphError, PermissionError):
    """The caller may not make this decision (not the owner team, steward or admin)."""

    code = "FORBIDDEN"

    def __init__(self, path: str, reason: str):
        self.path = path
        super().__init__(f"{path}: {reason}")


class Conflict(GraphError):
    """The request is not in a state that allows this (deciding twice, ending a denial)."""

    code = "CONFLICT"

    def __init__(self, path: str, reason: str):
        self.path = path
        super().__init__(f"{path}: {reason}")
