from __future__ import annotations

import json
from typing import Any

import strawberry

from catalog.api.graphql.types.node import Node, base_fields, mapper


@mapper("Classification")
@strawberry.type(description="An info type such as PII.Email.")
class Classification(Node):
    sensitivity: str | None = None

    @classmethod
    def from_node(cls, row: dict[str, Any]) -> Classification:
        return cls(**base_fields(row), sensitivity=row.get("sensitivity"))


@strawberry.type(description="A classification on a column or dataset, with its evidence.")
class ClassificationAssignment:
    classification: Classification
    score: float | None
    status: str | None = strawberry.field(description="suggested, accepted or rejected")
    source: str | None
    reasons: list[str]
    classifier_version: str | None

    @classmethod
    def from_edge(cls, edge: dict[str, Any], row: dict[str, Any]) -> ClassificationAssignment:
        reasons = edge.get("reasons") or []
        if isinstance(reasons, str):
            reasons = json.loads(reasons)
        return cls(classification=Classification.from_node(row), score=edge.get("score"),
                   status=edge.get("status"), source=edge.get("source"), reasons=list(reasons),
                   classifier_version=edge.get("classifier_version"))
