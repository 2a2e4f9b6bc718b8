"""Open Data Contract Standard (ODCS) v3 contracts, read into the common Contract shape.

ODCS is an open standard with many optional parts (pricing, team, support, custom
properties), so unknown keys are kept out of the way rather than refused; what the check
needs is validated with the path named: `schema[0].properties[2].name`.
Servers of a known type (postgres, mysql, sqlserver) name the datasets, so a schema
object's `physicalName` becomes the same dataset id a database harvest gives that table.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from identity.namespaces import odcs_dataset
from ingestors.data_products.model import (
    Contract,
    ContractDataset,
    ContractError,
    ContractField,
)
from ingestors.recipe import validation_errors


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)


class LogicalTypeOptions(_Open):
    pattern: str | None = None


class Property(_Open):
    name: str = Field(min_length=1)
    logical_type: str | None = Field(None, alias="logicalType")
    physical_type: str | None = Field(None, alias="physicalType")
    required: bool | None = None
    description: str | None = None
    logical_type_options: LogicalTypeOptions | None = Field(None, alias="logicalTypeOptions")


class SchemaObject(_Open):
    name: str = Field(min_length=1)
    physical_name: str | None = Field(None, alias="physicalName")
    properties: list[Property] = []


class Server(_Open):
    server: str | None = None
    type: str
    host: str | None = None
    port: int | None = None
    database: str | None = None
    schema_: str | None = Field(None, alias="schema")


class SlaProperty(_Open):
    property: str
    value: Any = None
    unit: str | None = None


class OdcsContract(_Open):
    api_version: str = Field(alias="apiVersion", pattern=r"^v3\.")
    kind: Literal["DataContract"]
    id: str
    version: str
    status: str
    name: str | None = None
    servers: list[Server] = []
    schema_: list[SchemaObject] = Field([], alias="schema")
    sla_properties: list[SlaProperty] = Field([], alias="slaProperties")


def _candidate_ids(server: Server, table: str) -> str | None:
    return odcs_dataset(server.type, server.host, server.port, server.database,
                        server.schema_, table)


def from_odcs(doc: dict[str, Any], file: str) -> Contract:
    try:
        c = OdcsContract.model_validate(doc)
    except ValidationError as exc:
        errors = [(p.replace("schema_", "schema"), r)
                  for p, r in validation_errors(exc, OdcsContract, "")]
        raise ContractError(file, errors) from None
    datasets = []
    candidates = []
    for obj in c.schema_:
        table = obj.physical_name or obj.name
        fields = [ContractField(
            name=p.name, type=p.logical_type, physical_type=p.physical_type,
            nullable=None if p.required is None else not p.required,
            pattern=p.logical_type_options.pattern if p.logical_type_options else None,
            description=p.description) for p in obj.properties]
        ids_here = [i for i in (_candidate_ids(s, table) for s in c.servers) if i]
        candidates.extend(ids_here)
        datasets.append(ContractDataset(ids_here[0] if len(ids_here) == 1 else None, table,
                                        fields))
    sla = {s.property: (f"{s.value}{s.unit}" if s.unit else s.value) for s in c.sla_properties}
    return Contract("odcs-v3", c.id, c.version, datasets, sla=sla, candidates=candidates)
