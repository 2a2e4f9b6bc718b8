"""A data product's contract and the last check of it against the harvested schema."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.scalars import JSON

from graph.props import from_json_prop


@strawberry.type(description="The product's data contract and how the harvested schema meets it.")
class DataContract:
    ref: str | None = strawberry.field(description="Where the contract was read from.")
    format: str | None
    contract_id: str | None
    version: str | None
    status: str | None = strawberry.field(
        description="The last check against the harvested schema (null: not checked).")
    violations: JSON | None
    checked_at: str | None
    sla: JSON | None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> DataContract | None:
        if not any(row.get(k) for k in ("contract_ref", "contract_id", "contract_status")):
            return None
        return cls(ref=row.get("contract_ref"), format=row.get("contract_format"),
                   contract_id=row.get("contract_id"), version=row.get("contract_version"),
                   status=row.get("contract_status"),
                   violations=from_json_prop(row.get("contract_violations")),
                   checked_at=row.get("contract_checked_at"),
                   sla=from_json_prop(row.get("contract_sla")))
