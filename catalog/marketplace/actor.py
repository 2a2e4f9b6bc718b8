"""Who acts in the marketplace: a token's name and role, and the team they act for.

A token named `team-sales/alice` acts for team `team-sales`; a token named `team-sales`
is the team itself. A consumer may also name a team when requesting (recorded as said)."""

from __future__ import annotations

from dataclasses import dataclass

from catalog import audit
from catalog.auth import Principal, Role

REQUESTERS = (Role.CONSUMER, Role.STEWARD, Role.ADMIN)
DECIDERS = (Role.STEWARD, Role.ADMIN)


@dataclass(frozen=True)
class Actor:
    name: str
    role: Role | None = None

    @classmethod
    def of(cls, principal: Principal) -> Actor:
        return cls(principal.name, principal.role)

    @property
    def audited(self) -> audit.Actor:
        """As the audit log records who acts."""
        return audit.Actor.of_principal(self)

    @property
    def team(self) -> str:
        return self.name.split("/", 1)[0]

    @property
    def may_request(self) -> bool:
        return self.role in REQUESTERS

    @property
    def is_steward(self) -> bool:
        return self.role in DECIDERS

    def acts_for(self, owners: list[str]) -> bool:
        """Whether this actor is one of the owners (by name or team)."""
        return self.name in owners or self.team in owners
