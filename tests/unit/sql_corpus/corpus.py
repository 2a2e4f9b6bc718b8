"""Reads the labelled SQL corpus and scores the lineage module against it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ingestors.sql import Lineage, TableRef, analyze

HERE = Path(__file__).parent
TYPES = {
    "ID": "DIRECT/IDENTITY", "TR": "DIRECT/TRANSFORMATION", "AGG": "DIRECT/AGGREGATION",
    "MASK": "DIRECT/TRANSFORMATION/masking", "AGGMASK": "DIRECT/AGGREGATION/masking",
    "JOIN": "INDIRECT/JOIN", "FILTER": "INDIRECT/FILTER", "GROUP": "INDIRECT/GROUP_BY",
    "SORT": "INDIRECT/SORT", "WIN": "INDIRECT/WINDOW", "COND": "INDIRECT/CONDITIONAL"}
Edge = tuple[str, str, str]  # output column, table.column, transformation


@dataclass
class Case:
    id: str
    dialect: str
    kind: str
    half: str
    sql: str
    expected: set[Edge] = field(default_factory=set)


def schema() -> dict[str, list[str]]:
    out = {}
    for line in (HERE / "schema.txt").read_text().splitlines():
        if ":" in line:
            table, cols = line.split(":", 1)
            out[table.strip()] = cols.split()
    return out


def _expect(lines: list[str], outputs: set[str]) -> set[Edge]:
    edges: set[Edge] = set()
    every: list[tuple[str, str]] = []
    for line in lines:
        if line.startswith("= "):
            table, cols = line[2:].split(":", 1)
            for c in cols.split():
                edges.add((c.lower(), f"{table.strip()}.{c}".lower(), TYPES["ID"]))
                outputs.add(c.lower())
            continue
        out, rest = (s.strip() for s in line.split("<-", 1))
        source, *kinds = rest.split()
        for k in kinds or ["ID"]:
            if out == "*":
                every.append((source.lower(), TYPES[k]))
            else:
                edges.add((out.lower(), source.lower(), TYPES[k]))
                outputs.add(out.lower())
    for out in outputs:
        for source, kind in every:
            edges.add((out, source, kind))
    return edges


def cases() -> list[Case]:
    found: list[Case] = []
    for path in sorted(HERE.glob("*.txt")):
        if path.name == "schema.txt":
            continue
        dialect = path.stem
        for i, block in enumerate(path.read_text().split("-- id: ")[1:]):
            head, *lines = block.splitlines()
            meta = {k.strip(): v.strip() for k, v in (
                ln[3:].split(":", 1) for ln in lines if ln.startswith("-- ") and ":" in ln)}
            sql = "\n".join(ln for ln in lines if not ln.startswith(("-- ", "> "))).strip()
            outputs = set(meta.get("out", "").lower().split())
            expected = _expect([ln[2:] for ln in lines if ln.startswith("> ")], outputs)
            found.append(Case(head.strip(), dialect, meta.get("kind", "?"),
                              "tune" if i % 2 == 0 else "held", sql, expected))
    return found


def run(case: Case, tables: dict[str, list[str]]) -> Lineage:
    def resolve(ref: TableRef) -> tuple[TableRef, list[str] | None]:
        return ref, tables.get(ref.name.lower())
    return analyze(case.sql, case.dialect, resolve=resolve)


def actual(lineage: Lineage) -> set[Edge]:
    return {(out.lower(), f"{t.name}.{c}".lower(), str(tr))
            for out, t, c, tr in lineage.edges()}


@dataclass
class Score:
    tp: int = 0
    fn: int = 0
    fp: int = 0

    def add(self, expected: set[Edge], got: set[Edge]) -> None:
        self.tp += len(expected & got)
        self.fn += len(expected - got)
        self.fp += len(got - expected)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    def __str__(self) -> str:
        return (f"recall {self.recall:.3f} precision {self.precision:.3f} "
                f"(edges expected {self.tp + self.fn}, found {self.tp + self.fp})")


def score(all_cases: list[Case]) -> tuple[dict[str, Score], dict[tuple[str, str], Score],
                                           list[tuple[Case, set[Edge], set[Edge], str]]]:
    """Scores per half, per (half, dialect|kind), and every case that missed."""
    tables = schema()
    halves: dict[str, Score] = defaultdict(Score)
    groups: dict[tuple[str, str], Score] = defaultdict(Score)
    misses = []
    for case in all_cases:
        try:
            got, err = actual(run(case, tables)), ""
        except Exception as exc:  # noqa: BLE001 - a failure scores as zero recall
            got, err = set(), f"{type(exc).__name__}: {exc}"
        # untyped edges too: does the edge exist at all
        for key in (case.half, "all"):
            halves[key].add(case.expected, got)
            halves[key + " untyped"].add({e[:2] for e in case.expected}, {e[:2] for e in got})
            groups[(key, "dialect " + case.dialect)].add(case.expected, got)
            groups[(key, "kind " + case.kind)].add(case.expected, got)
        if got != case.expected:
            misses.append((case, case.expected - got, got - case.expected, err))
    return halves, groups, misses
