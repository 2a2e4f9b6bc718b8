"""Benchmark: classifier accuracy on ../shared/fixtures/pii, per info type and per view.

    python -m tests.benchmarks.classification_accuracy [--sample-size 100] [--errors]

Prints precision, recall and F1 per info type over all views pooled (the figure the
targets apply to: macro F1 >= 0.9, no type below 0.8), then per view. How fixture labels
map onto our info types is spelled out in tests/support/pii_eval.py. A second check
follows on values only: presidio-research's synthetic sentences (synth_dataset_v2.json),
entity values grouped 10 to a column with a name that says nothing, for the entity types
values alone can identify. It is not a clean hold-out: looking at it once showed card
prefixes (JCB 1800, 12-digit Maestro) and mixed IPv4/IPv6 columns the rules then learnt.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict

from catalog.classification.combine import CLASSIFIER_VERSION, Classifier
from tests.conftest import FIXTURES
from tests.support.pii_eval import (
    Case,
    evaluate,
    format_report,
    piicatcher_cases,
    presidio_cases,
)

PII = FIXTURES / "pii"
# presidio-research entity types that values alone can identify, and our types for them
HELD_OUT = {"EMAIL_ADDRESS": ("PII.Email",), "PHONE_NUMBER": ("PII.Phone",),
            "CREDIT_CARD": ("PII.CreditCard",), "IBAN_CODE": ("PII.IBAN",),
            "IP_ADDRESS": ("PII.IPv4", "PII.IPv6"), "US_SSN": ("PII.SSN",)}


def predict(clf: Classifier):
    def run(case: Case) -> str | None:
        name = "value" if case.column.startswith("value ") else case.column.split(".")[-1]
        r = clf.classify(name, case.data_type, case.values)
        return r.info_type if r else None
    return run


def held_out_cases(per_column: int = 10) -> list[Case]:
    spans = defaultdict(list)
    for item in json.loads((PII / "presidio_research" / "synth_dataset_v2.json").read_text()):
        for s in item["spans"]:
            spans[s["entity_type"]].append(s["entity_value"])
    cases = []
    for entity, expected in HELD_OUT.items():
        values = spans[entity]
        for k in range(0, len(values), per_column):
            cases.append(Case("presidio synth values", f"{entity}[{k}]", expected, None,
                              tuple(values[k:k + per_column])))
    return cases


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sample-size", type=int, default=100, help="values per presidio column")
    ap.add_argument("--errors", action="store_true", help="list every miss")
    args = ap.parse_args()
    clf = Classifier()
    cases = piicatcher_cases(PII) + presidio_cases(PII, args.sample_size)
    print(f"classifier {CLASSIFIER_VERSION}; {len(cases)} labelled columns; prediction = best "
          f"info type at or above suggest ({clf.suggest})")
    overall = evaluate(cases, predict(clf))
    text = format_report("all views pooled", overall)
    print(text if args.errors else text.split("\n  miss")[0])
    worst = min(overall.per_type.items(), key=lambda kv: kv[1][2])
    print(f"targets: macro F1 {overall.macro_f1:.3f} (>= 0.9: "
          f"{'met' if overall.macro_f1 >= 0.9 else 'NOT met'}); lowest type {worst[0]} "
          f"F1 {worst[1][2]:.3f} (>= 0.8: {'met' if worst[1][2] >= 0.8 else 'NOT met'})")
    for view in sorted({c.view for c in cases}):
        part = evaluate([c for c in cases if c.view == view], predict(clf))
        print(f"  {view:22} {sum(1 for c in cases if c.view == view):4d} columns  "
              f"macro F1 {part.macro_f1:.3f}  misses {len(part.errors)}")
    held = evaluate(held_out_cases(), predict(clf))
    text = format_report("values only: presidio synth entities, 10 per column, name 'value'",
                         held)
    print(text if args.errors else text.split("\n  miss")[0])


if __name__ == "__main__":
    main()
