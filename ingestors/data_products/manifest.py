"""The data-product manifest (YAML): what a domain team declares about one product.

    name: orders
    domain: sales
    owner: {name: team-sales, email: sales-data@example.com}
    domain_stewards: [team-sales-governance, ada@example.com]   # decide access requests
    version: 1.2.0
    description: Orders placed on the web shop
    sla: {completeness: 0.99, accuracy: 0.98, freshness: 24h, availability: 0.995}
    contract: contracts/orders.yaml            # own format or ODCS v3, found by its keys
    output_ports:
      - {name: warehouse, endpoint: "postgres://db:5432/shop", query_interface: SQL,
         formats: [table], authentication: iam}
    lineage: {source_systems: [web-shop, crm]}
    datasets:
      - dataset:postgres://db:5432:shop.public.orders
      - {namespace: "postgres://db:5432", name: shop.public.order_items}
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from graph.errors import InvalidInput
from graph.labels import Label, label_of
from identity import ids

_NAME = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class OwnerSpec(_Strict):
    name: str = Field(min_length=1)
    type: Literal["team", "user"] = "team"
    email: str | None = None


def _spec(owner: str | OwnerSpec) -> OwnerSpec:
    """An owner named in shorthand: a user when the name holds `@`, else a team."""
    if isinstance(owner, OwnerSpec):
        return owner
    kind = "user" if "@" in owner else "team"
    return OwnerSpec(name=owner, type=kind, email=owner if kind == "user" else None)


class QualitySla(_Strict):
    completeness: float | None = Field(None, ge=0, le=1)
    accuracy: float | None = Field(None, ge=0, le=1)
    freshness: str | None = Field(None, description="a duration: 24h, 15m, P1D")
    availability: float | None = Field(None, ge=0, le=1)


class OutputPort(_Strict):
    name: str
    endpoint: str | None = None
    query_interface: str | None = Field(None, description="SQL, REST, GraphQL, file, ...")
    formats: list[str] = []
    authentication: str | None = None
    description: str | None = None


class LineageSpec(_Strict):
    source_systems: list[str] = []


class DatasetRef(_Strict):
    namespace: str
    name: str

    @property
    def id(self) -> str:
        return ids.dataset_id(self.namespace, self.name)


class ProductManifest(_Strict):
    api_version: str | None = Field(None, alias="apiVersion")
    kind: Literal["DataProduct"] = "DataProduct"
    name: str = Field(pattern=_NAME)
    domain: str = Field(pattern=_NAME)
    domain_description: str | None = None
    domain_stewards: list[str | OwnerSpec] = Field(
        [], description="who decides access requests for every product of the domain "
                        "(besides each product's owner): teams, or users (a name with @)")
    owner: str | OwnerSpec
    version: str
    description: str | None = None
    status: str = "active"
    sla: QualitySla | None = None
    contract: str | None = Field(None, description="path of the data contract, relative "
                                                   "to this manifest")
    output_ports: list[OutputPort] = []
    lineage: LineageSpec | None = None
    datasets: list[str | DatasetRef] = []
    tags: list[str] = []

    @field_validator("datasets")
    @classmethod
    def _dataset_ids(cls, value: list[str | DatasetRef]) -> list[str | DatasetRef]:
        for i, d in enumerate(value):
            if isinstance(d, str):
                try:
                    ok = label_of(d) is Label.DATASET
                except InvalidInput:
                    ok = False
                if not ok:
                    raise ValueError(f"datasets[{i}]: {d!r} is not a dataset id "
                                     "(dataset:<namespace>:<name>) nor {namespace, name}")
        return value

    @property
    def owner_spec(self) -> OwnerSpec:
        return _spec(self.owner)

    @property
    def steward_specs(self) -> list[OwnerSpec]:
        return [_spec(s) for s in self.domain_stewards]

    def dataset_ids(self) -> list[str]:
        return [d if isinstance(d, str) else d.id for d in self.datasets]
