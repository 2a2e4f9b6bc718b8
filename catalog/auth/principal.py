"""Who is calling: the token's name and role, or anonymous."""

from __future__ import annotations

from dataclasses import dataclass

from catalog.auth.roles import Role


@dataclass(frozen=True)
class Principal:
    name: str
    role: Role | None
    token_id: str | None = None

    @property
    def authenticated(self) -> bool:
        return self.role is not None

    def allows(self, needed: Role) -> bool:
        return self.role is not None and self.role.allows(needed)


ANONYMOUS = Principal(name="anonymous", role=None)
