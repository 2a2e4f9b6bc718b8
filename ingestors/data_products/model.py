"""The shape every contract format (own YAML, ODCS v3) is read into, and its error."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class ContractError(ValueError):
    def __init__(self, file: str, errors: list[tuple[str, str]]):
        self.file, self.errors = file, errors
        super().__init__(f"{file}: " + "; ".join(f"{p}: {r}" if p else r for p, r in errors))


@dataclass
class ContractField:
    name: str
    type: str | None = None           # logical (string, integer, ...) or physical (varchar(40))
    physical_type: str | None = None  # ODCS physicalType, when given
    nullable: bool | None = None
    pattern: str | None = None
    description: str | None = None


@dataclass
class ContractDataset:
    dataset: str | None               # a dataset id, when the contract names one
    table: str | None                 # else a table name, matched among the product's datasets
    fields: list[ContractField] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.dataset or self.table or "?"


@dataclass
class Contract:
    format: str                       # "mesh" | "odcs-v3"
    id: str | None
    version: str | None
    datasets: list[ContractDataset]
    sla: dict[str, Any] = field(default_factory=dict)
    versioning: dict[str, Any] = field(default_factory=dict)
    candidates: list[str] = field(default_factory=list)   # ids derived from ODCS servers
