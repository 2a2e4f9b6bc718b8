"""Errors of the governance service; the API layers give them their codes."""

from __future__ import annotations

from catalog.governance.policies import Problem
from graph.errors import GraphError


class PolicyRefused(GraphError, ValueError):
    """A policy that does not load, or a domain weakening a global error policy."""

    code = "POLICY_REFUSED"

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


class NotDomainOwner(GraphError, PermissionError):
    """Only the domain's owners (or an admin) change its policies."""

    code = "FORBIDDEN"

    def __init__(self, actor: str, domain: str):
        super().__init__(f"{actor} is not an owner of {domain}; only its owners or an admin "
                         "change its policies")
