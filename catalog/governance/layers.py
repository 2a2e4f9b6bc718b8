"""Global and domain layers: which policies apply to a subject of which domain.

Global policies apply everywhere. A domain adds its own, which apply to its subjects only;
it may redefine or disable a global policy of severity warning for itself, but never one of
severity error: that is refused with a Problem saying so (federated governance: the
governance group's errors hold in every domain).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from catalog.governance.policies import GLOBAL, Policy, Problem

DISABLE = "disable"


@dataclass
class PolicyBook:
    globals: list[Policy] = field(default_factory=list)
    domains: dict[str, list[Policy]] = field(default_factory=lambda: defaultdict(list))
    # global policy id -> domains that redefine or disable it for themselves
    replaced: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    problems: list[Problem] = field(default_factory=list)

    def _global(self, policy_id: str) -> Policy | None:
        return next((p for p in self.globals if p.id == policy_id), None)

    def refusal(self, domain: str, policy_id: str, disable: bool = False) -> str | None:
        """Why `domain` may not define (or disable) `policy_id`; None when it may."""
        glob = self._global(policy_id)
        if glob is None:
            return "no global policy has this id, nothing to disable" if disable else None
        if glob.severity == "error":
            verb = "disable" if disable else "redefine"
            return (f"refused: domain {domain} cannot {verb} global policy {policy_id!r} of "
                    f"severity error (a domain may only add policies, or relax global "
                    f"warnings)")
        return None

    def add_domain(self, domain: str, policy: Policy) -> Problem | None:
        why = self.refusal(domain, policy.id)
        if why:
            return Problem(policy.origin, policy.line, policy.id, why)
        if any(p.id == policy.id for p in self.domains[domain]):
            return Problem(policy.origin, policy.line, policy.id,
                           f"domain {domain} defines policy {policy.id!r} twice")
        self.domains[domain].append(policy)
        if self._global(policy.id) is not None:
            self.replaced[policy.id].add(domain)
        return None

    def disable(self, domain: str, policy_id: str, origin: str, line: int) -> Problem | None:
        why = self.refusal(domain, policy_id, disable=True)
        if why:
            return Problem(origin, line, policy_id, why)
        self.replaced[policy_id].add(domain)
        return None

    def all(self) -> list[Policy]:
        return [*self.globals, *(p for ps in self.domains.values() for p in ps)]

    def applies(self, policy: Policy, subject_domain: str | None) -> bool:
        if policy.layer == GLOBAL:
            return subject_domain is None or subject_domain not in self.replaced[policy.id]
        return subject_domain == policy.domain

    def for_domain(self, domain: str | None) -> list[Policy]:
        """The policies a report of `domain` (None: the whole catalog) lists."""
        if domain is None:
            return self.all()
        return [*(p for p in self.globals if domain not in self.replaced[p.id]),
                *self.domains.get(domain, [])]


def key(policy: Policy) -> str:
    """A policy's identity across layers: `global/<id>` or `<domain id>/<id>`."""
    return f"{policy.domain or GLOBAL}/{policy.id}"
