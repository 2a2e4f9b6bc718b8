"""Data contracts, in this catalog's own YAML format or in ODCS v3, as one shape.

Own format (one dataset, or several under `datasets:`):

    kind: DataContract
    id: orders
    version: 1.0.0
    dataset: dataset:postgres://db:5432:shop.public.orders   # or `table: orders`
    fields:
      - {name: order_id, type: integer, nullable: false, description: Order key}
      - {name: email, type: string, pattern: "^[^@]+@[^@]+$"}
    sla: {freshness: 24h, completeness: 0.99, availability: 0.999}
    versioning: {policy: semver, breaking_changes: major, deprecation_days: 90}

ODCS v3 files (`apiVersion: v3.x`, `kind: DataContract`) are read by `odcs.py`; both into
the shape of `model.py`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ingestors.data_products.model import (
    Contract,
    ContractDataset,
    ContractError,
    ContractField,
)
from ingestors.data_products.odcs import from_odcs
from ingestors.recipe import validation_errors


# -- own format ------------------------------------------------------------------------
class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FieldSpec(_Strict):
    name: str = Field(min_length=1)
    type: str | None = None
    nullable: bool | None = None
    pattern: str | None = None
    description: str | None = None


class DatasetSpec(_Strict):
    dataset: str | None = None
    table: str | None = None
    fields: list[FieldSpec]


class SlaSpec(_Strict):
    freshness: str | None = None
    completeness: float | None = Field(None, ge=0, le=1)
    availability: float | None = Field(None, ge=0, le=1)


class VersioningSpec(_Strict):
    policy: Literal["semver", "calver", "none"] = "semver"
    breaking_changes: Literal["major", "new-contract", "forbidden"] = "major"
    deprecation_days: int | None = Field(None, ge=0)


class ContractSpec(_Strict):
    kind: Literal["DataContract"] = "DataContract"
    id: str | None = None
    version: str
    description: str | None = None
    owner: str | None = None
    dataset: str | None = None
    table: str | None = None
    fields: list[FieldSpec] | None = None
    datasets: list[DatasetSpec] | None = None
    sla: SlaSpec | None = None
    versioning: VersioningSpec | None = None

    @model_validator(mode="after")
    def _one_shape(self) -> ContractSpec:
        if (self.fields is None) == (self.datasets is None):
            raise ValueError("give either `fields` (one dataset) or `datasets` (several)")
        return self


def _fields(specs: list[FieldSpec]) -> list[ContractField]:
    return [ContractField(f.name, f.type, None, f.nullable, f.pattern, f.description)
            for f in specs]


def from_own(doc: dict[str, Any], file: str) -> Contract:
    try:
        spec = ContractSpec.model_validate(doc)
    except ValidationError as exc:
        raise ContractError(file, validation_errors(exc, ContractSpec, "")) from None
    if spec.fields is not None:
        datasets = [ContractDataset(spec.dataset, spec.table, _fields(spec.fields))]
    else:
        datasets = [ContractDataset(d.dataset, d.table, _fields(d.fields))
                    for d in spec.datasets or []]
    return Contract("mesh", spec.id, spec.version, datasets,
                    sla=spec.sla.model_dump(exclude_none=True) if spec.sla else {},
                    versioning=spec.versioning.model_dump(exclude_none=True)
                    if spec.versioning else {})


def load_contract(path: Path) -> Contract:
    """Read a contract file; ODCS v3 is recognised by its `apiVersion: v3...`."""
    file = str(path)
    try:
        doc = yaml.safe_load(path.read_text())
    except OSError as exc:
        raise ContractError(file, [("", f"cannot read: {exc.strerror}")]) from None
    except yaml.YAMLError as exc:
        raise ContractError(file, [("", f"not valid YAML: {exc}")]) from None
    if not isinstance(doc, dict):
        raise ContractError(file, [("", "a contract is a mapping")])
    if str(doc.get("apiVersion", "")).startswith("v3"):
        return from_odcs(doc, file)
    return from_own(doc, file)
