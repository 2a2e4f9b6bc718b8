"""Policies as code: a YAML file of rules, each a typed config that refuses unknown keys.

```yaml
policies:
  - id: pii-products-owned-and-retained
    description: A data product holding personal data has an owner and a retention period
    severity: error            # error (fails `catalog check`) or warning
    rule:
      type: pii_product_owner_retention
      min_sensitivity: confidential
```
Rule types: pii_product_owner_retention, contract_matches_schema, naming,
dataset_has_owner (see each model's fields).
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from catalog.classification.infotypes import Sensitivity


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PiiProductOwnerRetention(_Strict):
    """A product whose datasets hold personal data at or above `min_sensitivity` has an
    owner and a retention period: a non-empty product property named in `retention_keys`,
    or that key inside one of the JSON properties `retention_in` (the manifest's `sla`, the
    data contract's `contract_sla`, where an ODCS `retention` SLA property lands)."""

    type: Literal["pii_product_owner_retention"]
    min_sensitivity: str = "confidential"
    retention_keys: list[str] = ["retention", "retention_period", "retention_days"]
    retention_in: list[str] = ["sla", "contract_sla"]

    @field_validator("min_sensitivity")
    @classmethod
    def _level(cls, v: str) -> str:
        Sensitivity.parse(v)
        return v


class ContractMatchesSchema(_Strict):
    """A product's data contract matches the harvested schema: its `contract_status` (set
    by the contract check of the data-product ingestor: pass, warn or fail) is one of
    `ok_statuses`, or `warn` (only extra columns) unless `fail_on_warn`; the product's
    `contract_violations` say what differs."""

    type: Literal["contract_matches_schema"]
    ok_statuses: list[str] = ["pass", "ok", "passed", "valid"]
    fail_on_warn: bool = False
    require_contract: bool = False


class Naming(_Strict):
    """Dataset or column names match a regular expression. `part: table` checks the last
    dot-separated part of a dataset name (`db.schema.table` -> `table`)."""

    type: Literal["naming"]
    target: Literal["dataset", "column"]
    pattern: str
    part: Literal["full", "table"] = "table"

    @field_validator("pattern")
    @classmethod
    def _regex(cls, v: str) -> str:
        try:
            re.compile(v)
        except re.error as exc:
            raise ValueError(f"not a valid regular expression: {exc}") from None
        return v


class DatasetHasOwner(_Strict):
    """Every dataset has an owner; with `inherit_from_product`, its product's owner counts."""

    type: Literal["dataset_has_owner"]
    inherit_from_product: bool = True


Rule = Annotated[PiiProductOwnerRetention | ContractMatchesSchema | Naming | DatasetHasOwner,
                 Field(discriminator="type")]


class Policy(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    description: str
    severity: Literal["error", "warning"] = "error"
    rule: Rule


class PolicySet(_Strict):
    policies: list[Policy]

    @field_validator("policies")
    @classmethod
    def _unique(cls, v: list[Policy]) -> list[Policy]:
        seen: set[str] = set()
        for p in v:
            if p.id in seen:
                raise ValueError(f"policy id {p.id!r} is used twice")
            seen.add(p.id)
        return v


class PolicyError(ValueError):
    """A policy file that does not parse or validate; names the file and the path."""


def parse_policies(text: str, origin: str = "<policies>") -> PolicySet:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise PolicyError(f"{origin}: not YAML: {exc}") from None
    try:
        return PolicySet.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise PolicyError(f"{origin}: {where}: {first['msg']}") from None


def load_policies(path: Path | None = None) -> PolicySet:
    """The policies of `path`, or the built-in ones."""
    if path is None:
        text = resources.files(__package__).joinpath("default_policies.yaml").read_text()
        return parse_policies(text, "default_policies.yaml")
    try:
        text = Path(path).read_text()
    except OSError as exc:
        raise PolicyError(f"{path}: {exc.strerror}") from None
    return parse_policies(text, str(path))
