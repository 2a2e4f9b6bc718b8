from __future__ import annotations

import strawberry

from catalog.lineage.impact_model import Ref


@strawberry.type(description="A short reference to an entity: its id and name (and a role).")
class EntityRef:
    id: strawberry.ID
    name: str | None
    role: str | None = None

    @classmethod
    def of(cls, ref: Ref | None) -> EntityRef | None:
        return None if ref is None else cls(id=strawberry.ID(ref.id), name=ref.name,
                                            role=ref.role)
