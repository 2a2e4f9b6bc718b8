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
    source: str | None = strawberry.field(description="classifier, manual or propagated")
    reasons: list[str]
    classifier_version: str | None
    decided_by: str | None = strawberry.field(
        default=None, description="Who decided: a person, or classifier / propagation.")
    decided_at: str | None = None
    path: list[str] | None = strawberry.field(
        default=None, description="For a propagated classification: the column ids from "
                                  "the origin down to this column.")
    subject_id: strawberry.ID | None = strawberry.field(
        default=None, description="The column or dataset classified.")

    @classmethod
    def from_edge(cls, edge: dict[str, Any], row: dict[str, Any],
                  subject_id: str | None = None) -> ClassificationAssignment:
        reasons = edge.get("reasons") or []
        if isinstance(reasons, str):
            reasons = json.loads(reasons)
        path = edge.get("path")
        if isinstance(path, str):
            path = json.loads(path)
        return cls(classification=Classification.from_node(row), score=edge.get("score"),
                   status=edge.get("status"), source=edge.get("source"), reasons=list(reasons),
                   classifier_version=edge.get("classifier_version"),
                   decided_by=edge.get("decided_by"), decided_at=edge.get("decided_at"),
                   path=list(path) if path else None,
                   subject_id=strawberry.ID(subject_id) if subject_id else None)
