"""The typed view a policy sees of one subject: the variables of its CEL expressions.

A policy names its `subject` (one of SUBJECTS); its `when`, `require`, messages and remedy
arguments are evaluated with the subject's fields below as top-level variables. The view is
documented here once (`describe()` prints it; docs/GOVERNANCE.md is generated from it) and
checked when a policy loads: a variable or field that is not here is refused, so a typo is
an error at load time, not a policy that silently never fires.

Types: `string`, `int`, `bool`, `string?` (may be null), `list<T>`, `map` (free keys: the
node's own properties; test them with `has(properties.x)` or `'x' in properties`), and the
record types of RECORDS.
"""

from __future__ import annotations

from typing import Any

# Records: typed nested values (a field of a record is checked like a top-level variable).
RECORDS: dict[str, dict[str, str]] = {
    "Owner": {"id": "string", "name": "string", "type": "string", "role": "string"},
    "Classification": {"name": "string", "sensitivity": "string", "rank": "int",
                       "on": "string"},
    "Contract": {"status": "string?", "violations": "list<map>", "summary": "string",
                 "sla": "map", "id": "string?", "version": "string?"},
    "Run": {"id": "string", "state": "string?", "started": "string?", "ended": "string?",
            "job": "string?", "age_hours": "int?"},
}

_COMMON: dict[str, str] = {
    "id": "string",
    "kind": "string",
    "name": "string",
    "domain": "string?",  # the domain id (domain:<name>) of the subject's product
    "properties": "map",  # the node's own properties, JSON ones decoded
}
_ATTACHED: dict[str, str] = {
    "owners": "list<Owner>",
    "tags": "list<string>",
    "classifications": "list<Classification>",  # accepted; a product's and dataset's
    # include those of its columns
}

SUBJECTS: dict[str, dict[str, str]] = {
    "product": {
        **_COMMON, **_ATTACHED,
        "datasets": "list<string>",
        "personal_data": "list<string>",  # classification names at confidential or above
        "retention": "string?",  # retention, retention_period or retention_days of the
        # product, its manifest SLA or its contract's SLA
        "sla": "map",
        "contract": "Contract",
        "has_contract": "bool",
    },
    "dataset": {
        **_COMMON, **_ATTACHED,
        "table": "string",  # the last dot-separated part of the name
        "product": "string?",
        "product_owners": "list<Owner>",
        "columns": "list<string>",
        "upstream": "list<string>",  # datasets feeding this one (lineage neighbours)
        "downstream": "list<string>",
        "last_run": "Run?",  # the newest run of a job writing it
    },
    "column": {
        **_COMMON,
        "classifications": "list<Classification>",
        "dataset": "string",
        "type": "string?",
    },
    "owner": {**_COMMON, "type": "string", "owns": "int", "email": "string?"},
    "contract": {
        **_COMMON, "product": "string", "status": "string?", "violations": "list<map>",
        "summary": "string", "sla": "map",
    },
    "run": {
        **_COMMON, "job": "string?", "state": "string?", "started": "string?",
        "ended": "string?", "age_hours": "int?", "outputs": "list<string>",
    },
}

SUBJECT_KINDS = tuple(SUBJECTS)
LABELS = {"product": "DataProduct", "dataset": "Dataset", "column": "Column",
          "owner": "Owner", "contract": "DataProduct", "run": "Run"}


def element(type_: str) -> str | None:
    """The record type a value of `type_` holds, itself or as list elements (else None)."""
    t = type_.rstrip("?")
    if t.startswith("list<"):
        t = t[5:-1]
    return t if t in RECORDS else None


def fields_of(type_: str) -> dict[str, str] | None:
    """Known fields of a record-typed value; None when it has free keys or none."""
    rec = element(type_)
    return RECORDS[rec] if rec else None


def blank(kind: str) -> dict[str, Any]:
    """A view with every field empty, for dry runs at load time."""
    return {name: _blank(t) for name, t in SUBJECTS[kind].items()}


def _blank(type_: str) -> Any:
    if type_.endswith("?"):
        return None
    if type_.startswith("list<"):
        return []
    if type_ in RECORDS:
        return {k: _blank(v) for k, v in RECORDS[type_].items()}
    return {"string": "", "int": 0, "bool": False, "map": {}}[type_]


def describe() -> str:
    """The view as Markdown, for the docs."""
    lines = ["| subject | variable | type |", "|---|---|---|"]
    for kind, fields in SUBJECTS.items():
        lines += [f"| {kind} | `{n}` | `{t}` |" for n, t in fields.items()]
    lines += ["", "| record | field | type |", "|---|---|---|"]
    for rec, fields in RECORDS.items():
        lines += [f"| {rec} | `{n}` | `{t}` |" for n, t in fields.items()]
    return "\n".join(lines)
