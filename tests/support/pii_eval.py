"""Accuracy of the classifier on ../shared/fixtures/pii, label by label.

The fixtures label columns in their own vocabularies; the maps below say explicitly which
of our info types each label accepts (a coarse label such as piicatcher's `Address` accepts
any of our finer street/city/state/country types). A column's prediction is the best info
type at or above the suggest threshold (what a steward is shown), or none.

Scoring per info type: a prediction inside the accepted set is a true positive of the
predicted type; otherwise the predicted type (if any) gets a false positive and the label's
first type (if any) a false negative.

Views:
- piicatcher, names only: the `sample`, `full_pii` and `partial_data_type` tables and the
  `column_name_cases` of its ColumnNameRegexDetector tests (name-based labels, with the
  DDL's column types where the test has a table);
- piicatcher, values: `partial_pii` and `no_pii` with their rows, each of `value_cases` as a
  one-value column with an uninformative name (DatumRegexDetector labels; the cases marked
  skipped upstream are left out, as the fixture asks), and the `sample` table with its rows
  (name-based labels, plus `id` -> SSN, the hard case the fixture notes point at);
- presidio-research: FakeNameGenerator.com_100 and _3000, each column with its first
  100 values, labelled by `column_entity_labels.derived.csv`.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

PERSON = ("PII.PersonName", "PII.FirstName", "PII.LastName")
PLACE = ("PII.StreetAddress", "PII.City", "PII.State", "PII.Country")
NATIONAL_ID = ("PII.NationalId", "PII.SSN", "PII.NINO", "PII.NIF", "PII.INSEE")

# piicatcher / dbcat PiiType names -> the info types that count as right
PIICATCHER: dict[str, tuple[str, ...]] = {
    "Person": PERSON,
    "Email": ("PII.Email",),
    "Phone": ("PII.Phone",),
    "Address": PLACE,
    "Zip Code": ("PII.PostalCode",),
    "Birth Date": ("PII.DateOfBirth",),
    "Gender": ("PII.Gender",),
    "Credit Card": ("PII.CreditCard",),
    "SSN": ("PII.SSN",),
    "Nationality": ("PII.Nationality",),
    "Password": ("PII.Password",),
    "User Name": ("PII.Username",),
    "PO Box": ("PII.StreetAddress",),  # a PO box is a postal address line
}

# presidio entity -> info types; TITLE (courtesy titles, occupations) has no counterpart
# among our types, so those columns are expected to get none.
PRESIDIO_ENTITY: dict[str, tuple[str, ...] | None] = {
    "PERSON": PERSON,
    "STREET_ADDRESS": ("PII.StreetAddress",),
    "GPE": ("PII.City", "PII.State", "PII.Country"),
    "ZIP_CODE": ("PII.PostalCode",),
    "EMAIL_ADDRESS": ("PII.Email",),
    "PHONE_NUMBER": ("PII.Phone",),
    "AGE": ("PII.Age",),
    "CREDIT_CARD": ("PII.CreditCard",),
    "NRP": ("PII.Nationality",),
    "TITLE": None,
}
# presidio's DATE_TIME is generic; the column's faker provider says which date it is
PRESIDIO_DATE_PROVIDER = {"date_of_birth": ("PII.DateOfBirth",)}
# Columns without a presidio entity, labelled by their faker provider where one of our
# types is exactly that data; every other provider (guid, company, occupation, cvv2, ...)
# is expected to get no info type.
FAKER_PROVIDER: dict[str, tuple[str, ...]] = {
    "user_name": ("PII.Username",),
    "password": ("PII.Password",),
    "mothers_maiden": PERSON,  # piicatcher labels maiden_name Person too
    "national_id": NATIONAL_ID,
    "latitude": ("PII.Geolocation",),
    "longitude": ("PII.Geolocation",),
    "gender": ("PII.Gender",),
    "country_code": ("PII.Country",),
}


@dataclass(frozen=True)
class Case:
    view: str
    column: str
    expected: tuple[str, ...] | None
    data_type: str | None = None
    values: tuple[str, ...] | None = None  # None: names only


def _ddl_types(ddl: str) -> dict[str, str]:
    body = ddl[ddl.index("(") + 1: ddl.rindex(")")]
    out = {}
    for part in body.split(","):
        bits = part.strip().split()
        if len(bits) >= 2:
            out[bits[0]] = bits[1].split("(")[0]
    return out


def piicatcher_cases(root: Path) -> list[Case]:
    labels = json.loads((root / "piicatcher" / "expected_labels.transcribed.json").read_text())
    tables = labels["tables"]
    cases: list[Case] = []
    sample = tables["sample"]
    types = _ddl_types(sample["ddl"])
    with (root / "piicatcher" / "sample-data.csv").open() as fh:
        rows = list(csv.DictReader(fh))
    expected = {c: PIICATCHER[lab] for c, lab in sample["expected_name_based_pii_type"].items()}
    for col in sample["expected_not_pii_by_name_detector"]:
        expected[col] = None
    for col, exp in expected.items():
        cases.append(Case("piicatcher names", f"sample.{col}", exp, types.get(col)))
        values = tuple(r[col] for r in rows)
        exp_v = PIICATCHER["SSN"] if col == "id" else exp
        cases.append(Case("piicatcher values", f"sample.{col}", exp_v, types.get(col), values))
    for table in ("full_pii", "partial_data_type"):
        t = tables[table]
        types = _ddl_types(t["ddl"])
        for col, lab in t["expected_name_based_pii_type"].items():
            cases.append(Case("piicatcher names", f"{table}.{col}",
                              PIICATCHER[lab] if lab else None, types.get(col)))
    for name, lab in labels["column_name_cases"]:
        cases.append(Case("piicatcher names", name, PIICATCHER[lab]))
    for table, key in (("partial_pii", "expected_value_based_pii_type"),
                       ("no_pii", "expected")):
        t = tables[table]
        cols = list(t[key])
        for i, col in enumerate(cols):
            lab = t[key][col]
            values = tuple(str(r[i]) for r in t["rows"])
            cases.append(Case("piicatcher values", f"{table}.{col}",
                              PIICATCHER[lab] if lab else None, "text", values))
    for value, lab in labels["value_cases"]:
        cases.append(Case("piicatcher values", f"value {value!r}", PIICATCHER[lab], None,
                          (value,)))
    return cases


def presidio_cases(root: Path, sample_size: int = 100) -> list[Case]:
    base = root / "presidio_research"
    with (base / "column_entity_labels.derived.csv").open() as fh:
        label_rows = list(csv.DictReader(fh))
    cases: list[Case] = []
    by_file: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in label_rows:
        by_file[row["file"]].append(row)
    for fname, cols in sorted(by_file.items()):
        with (base / fname).open(encoding="utf-8-sig") as fh:
            rows = list(csv.DictReader(fh))[:sample_size]
        for row in cols:
            entity, provider = row["presidio_entity"], row["faker_provider_name"]
            if entity == "DATE_TIME":
                exp = PRESIDIO_DATE_PROVIDER.get(provider)
            elif entity:
                exp = PRESIDIO_ENTITY[entity]
            else:
                exp = FAKER_PROVIDER.get(provider)
            values = tuple(r[row["column"]] for r in rows)
            cases.append(Case(f"presidio {fname.split('.')[1]}", row["column"], exp, None,
                              values))
    return cases


def column_name(case: Case) -> str:
    """The name a case's column is classified under (`table.col` -> `col`; the fixtures'
    one-value cases are named `value`)."""
    return "value" if case.column.startswith("value ") else case.column.split(".")[-1]


def all_cases(root: Path) -> list[Case]:
    return piicatcher_cases(root) + presidio_cases(root)


@dataclass
class Report:
    per_type: dict[str, tuple[float, float, float, int]]  # precision, recall, f1, support
    macro_f1: float
    errors: list[tuple[Case, str | None]]


def evaluate(cases: Iterable[Case], predict: Callable[[Case], str | None]) -> Report:
    tp: dict[str, int] = defaultdict(int)
    fp: dict[str, int] = defaultdict(int)
    fn: dict[str, int] = defaultdict(int)
    errors = []
    for case in cases:
        got = predict(case)
        if case.expected and got in case.expected:
            tp[got] += 1
            continue
        if got is None and case.expected is None:
            continue
        errors.append((case, got))
        if got:
            fp[got] += 1
        if case.expected:
            fn[case.expected[0]] += 1
    per_type = {}
    for t in sorted(set(tp) | set(fp) | set(fn)):
        p = tp[t] / (tp[t] + fp[t]) if tp[t] + fp[t] else 0.0
        r = tp[t] / (tp[t] + fn[t]) if tp[t] + fn[t] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        per_type[t] = (p, r, f, tp[t] + fn[t])
    macro = sum(v[2] for v in per_type.values()) / len(per_type) if per_type else 0.0
    return Report(per_type, macro, errors)


def format_report(title: str, report: Report) -> str:
    lines = [f"== {title}", f"{'info type':22} {'prec':>6} {'recall':>6} {'F1':>6} {'n':>4}"]
    for t, (p, r, f, n) in report.per_type.items():
        lines.append(f"{t:22} {p:6.3f} {r:6.3f} {f:6.3f} {n:4d}")
    lines.append(f"macro F1 {report.macro_f1:.3f} over {len(report.per_type)} info types")
    for case, got in report.errors:
        exp = "/".join(case.expected) if case.expected else "none"
        lines.append(f"  miss [{case.view}] {case.column}: expected {exp}, got {got}")
    return "\n".join(lines)
