"""What a statement's lineage is made of: tables, transformations, column dependencies."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

DIRECT, INDIRECT = "DIRECT", "INDIRECT"
IDENTITY, TRANSFORMATION, AGGREGATION = "IDENTITY", "TRANSFORMATION", "AGGREGATION"
JOIN, FILTER, GROUP_BY, SORT, WINDOW, CONDITIONAL = (
    "JOIN", "FILTER", "GROUP_BY", "SORT", "WINDOW", "CONDITIONAL")
# how far a value is from a copy: composing two steps keeps the farther one
_RANK = {IDENTITY: 0, TRANSFORMATION: 1, AGGREGATION: 2}


class SqlParseError(ValueError):
    """The statement could not be parsed or analysed; the message says where."""


@dataclass(frozen=True, order=True)
class TableRef:
    """A table as the statement names it (after the dialect's identifier normalisation)."""
    database: str | None
    schema: str | None
    name: str

    def parts(self) -> tuple[str, ...]:
        return tuple(p for p in (self.database, self.schema, self.name) if p)

    def __str__(self) -> str:
        return ".".join(self.parts())


@dataclass(frozen=True, order=True)
class Transformation:
    """One OpenLineage transformation (columnLineage 1-2): type, subtype, masking."""
    type: str
    subtype: str
    masking: bool = False

    def then(self, inner: Transformation) -> Transformation:
        """This step applied to a value that `inner` produced."""
        if self.type == INDIRECT:
            return self
        if inner.type == INDIRECT:
            return inner
        sub = self.subtype if _RANK[self.subtype] >= _RANK[inner.subtype] else inner.subtype
        return Transformation(DIRECT, sub, self.masking or inner.masking)

    def as_dict(self) -> dict[str, Any]:
        return {"type": self.type, "subtype": self.subtype, "description": None,
                "masking": self.masking}

    def __str__(self) -> str:
        return f"{self.type}/{self.subtype}" + ("/masking" if self.masking else "")


COPY = Transformation(DIRECT, IDENTITY)

# (table, column) -> transformations
Deps = dict[tuple[TableRef, str], set[Transformation]]


def merge(into: Deps, more: Deps) -> Deps:
    for key, ts in more.items():
        into.setdefault(key, set()).update(ts)
    return into


@dataclass
class Lineage:
    """One statement's lineage. `columns` maps an output column to what it derives from;
    indirect dependencies (joins, filters, grouping) are on every output column."""
    kind: str                                  # SELECT, CREATE_VIEW, CTAS, INSERT, ...
    output: TableRef | None = None
    inputs: list[TableRef] = field(default_factory=list)
    columns: dict[str, Deps] = field(default_factory=dict)
    # the indirect dependencies of the whole statement (its joins, filters, grouping,
    # sorting): on every output column above, written once per output dataset
    table_deps: Deps = field(default_factory=dict)
    confidence: float = 1.0
    warnings: list[str] = field(default_factory=list)

    def edges(self) -> list[tuple[str, TableRef, str, Transformation | None]]:
        """(output column, input table, input column, transformation), sorted; None for a
        dependency whose kind is unknown (openlineage-sql's)."""
        return sorted(((out, t, c, tr) for out, deps in self.columns.items()
                       for (t, c), trs in deps.items() for tr in (trs or [None])),
                      key=lambda e: (e[0], e[1], e[2], str(e[3])))
