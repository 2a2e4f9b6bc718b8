from __future__ import annotations

import strawberry


@strawberry.type(description="A small boost: documented, owned, lineage degree, kind.")
class ScoreBoost:
    reason: str
    value: float
