"""Contract check: the contract's fields against the schema the catalog harvested.

Violations: a contract dataset the catalog does not have, a field missing from the table,
a column the contract does not declare (a warning: additive change), a type that does not
match, and a column that allows NULL where the contract says it may not. Types compare by
family (a contract's `string` accepts `varchar(40)` and `text`), and exactly when the
contract gives a parametrised physical type (`varchar(40)` vs `VARCHAR(64)`).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from identity import ids
from ingestors.data_products.model import Contract, ContractDataset, ContractField

_FAMILIES: list[tuple[str, tuple[str, ...]]] = [
    ("array", ("[]", "array")),
    ("timestamp", ("timestamp", "datetime", "timestamptz")),
    ("date", ("date",)),
    ("time", ("time",)),
    ("boolean", ("bool", "boolean", "bit")),
    ("integer", ("int", "integer", "smallint", "bigint", "tinyint", "mediumint", "int2",
                 "int4", "int8", "serial", "bigserial", "smallserial", "long", "short")),
    ("number", ("numeric", "decimal", "number", "real", "double", "float", "float4",
                "float8", "money", "double precision")),
    ("string", ("char", "varchar", "character", "character varying", "text", "string",
                "nvarchar", "nchar", "bpchar", "citext", "uuid", "clob", "tinytext",
                "mediumtext", "longtext", "enum")),
    ("binary", ("bytea", "blob", "binary", "varbinary", "longblob", "bytes")),
    ("object", ("json", "jsonb", "struct", "map", "object", "record", "variant", "xml")),
]
# contract family -> harvested families it accepts
_ACCEPTS = {"number": {"number", "integer"}, "date": {"date", "timestamp"},
            "object": {"object", "string"}}


def _base(type_: str) -> str:
    t = type_.strip().lower()
    t = re.sub(r"\(.*?\)", "", t)
    return re.sub(r"\s+", " ", t.replace(" without time zone", "")
                  .replace(" with time zone", "tz")).strip()


def family(type_: str | None) -> str | None:
    if not type_:
        return None
    raw = type_.strip().lower()
    if raw.endswith("[]") or raw.startswith("array"):
        return "array"
    base = _base(type_)
    for fam, names in _FAMILIES:
        if base in names or base.split(" ")[0] in names:
            return fam
    return None


def _norm_physical(type_: str) -> str:
    return re.sub(r"\s+", "", type_.lower()).replace("charactervarying", "varchar")


def types_match(f: ContractField, actual: str | None) -> bool:
    if actual is None:
        return True  # nothing harvested to compare with
    physical = f.physical_type or (f.type if f.type and "(" in f.type else None)
    if physical and "(" in physical:
        return _norm_physical(physical) == _norm_physical(actual)
    expected = f.physical_type or f.type
    if not expected:
        return True
    fe, fa = family(expected), family(actual)
    if fe is None or fa is None:
        return _base(expected) == _base(actual)
    return fa == fe or fa in _ACCEPTS.get(fe, set())


@dataclass
class Violation:
    dataset: str
    kind: str            # missing_dataset | missing_column | extra_column | type | nullability
    severity: str        # error | warning
    column: str | None = None
    expected: Any = None
    actual: Any = None

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass
class CheckResult:
    status: str          # pass | warn | fail
    violations: list[Violation]
    checked: list[str]   # dataset ids compared


def resolve_dataset(cd: ContractDataset, contract: Contract, product_datasets: list[str],
                    existing: set[str]) -> str | None:
    """The catalog dataset a contract dataset means: its id, else a product dataset (or a
    server-derived id that exists) whose table name matches."""
    if cd.dataset:
        return cd.dataset
    if not cd.table:
        return None
    table = cd.table.lower()

    def last(ds: str) -> str:
        return ids.split_dataset_id(ds)[1].rsplit(".", 1)[-1].lower()

    for ds in product_datasets:
        if last(ds) == table:
            return ds
    for ds in contract.candidates:
        if ds in existing and last(ds) == table:
            return ds
    return None


def check(contract: Contract, product_datasets: list[str],
          columns: dict[str, list[dict[str, Any]]]) -> CheckResult:
    """Compare; `columns` maps harvested dataset ids to their open Column nodes."""
    existing = set(columns)
    out: list[Violation] = []
    checked: list[str] = []
    for cd in contract.datasets:
        ds = resolve_dataset(cd, contract, product_datasets, existing)
        if ds is None or ds not in columns:
            out.append(Violation(ds or cd.label, "missing_dataset", "error"))
            continue
        checked.append(ds)
        harvested = {c["name"].lower(): c for c in columns[ds]}
        declared = {f.name.lower() for f in cd.fields}
        for f in cd.fields:
            col = harvested.get(f.name.lower())
            if col is None:
                out.append(Violation(ds, "missing_column", "error", f.name))
                continue
            if not types_match(f, col.get("type")):
                out.append(Violation(ds, "type", "error", f.name,
                                     f.physical_type or f.type, col.get("type")))
            if f.nullable is False and col.get("nullable") is True:
                out.append(Violation(ds, "nullability", "error", f.name, "not null",
                                     "nullable"))
        for name, col in harvested.items():
            if name not in declared:
                out.append(Violation(ds, "extra_column", "warning", col["name"]))
    status = ("fail" if any(v.severity == "error" for v in out)
              else "warn" if out else "pass")
    return CheckResult(status, out, checked)
