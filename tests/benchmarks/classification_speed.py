"""Benchmark: classifier throughput, names only and with 100 sampled values per column.

    python -m tests.benchmarks.classification_speed [--names 200000] [--columns 5000]

Names only: a synthetic schema of `--names` columns built from realistic tokens (PII and
non-PII words, snake_case and camelCase, prefixes and suffixes, typos), so names repeat as
in real catalogs; measured with a cold cache, then again with every name unseen (the worst
case, no cache hit at all). With values: `--columns` columns of 100 values each, mixing
the FakeNameGenerator identities with generated ids, amounts, dates, codes, free text,
emails and phone numbers. Prints columns per second as wall time and as CPU time of this
process (the machine is shared: CPU time is what the classifier costs). Targets: names
only >= 50,000 columns/s; with 100 values >= 2,000 columns/s.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import string
import time

from catalog.classification.combine import Classifier
from tests.conftest import FIXTURES

PII_WORDS = ["email", "phone", "first_name", "last_name", "address", "city", "zip", "dob",
             "birth_date", "ssn", "iban", "ip_address", "user_name", "password", "gender",
             "country", "state", "mobile", "fax", "postal_code", "passport_no", "lat", "lng",
             "correo", "telefono", "adresse", "nom", "geburtsdatum", "credit_card_number"]
OTHER_WORDS = ["id", "created_at", "updated_at", "amount", "total", "status", "type", "code",
               "description", "quantity", "price", "order", "product", "sku", "category",
               "is_active", "version", "count", "source", "region_id", "score", "notes",
               "payload", "currency", "discount", "title", "rank", "ratio", "level", "flag"]
PREFIXES = ["", "", "", "customer_", "billing_", "shipping_", "emp_", "src_", "tmp_", "old_",
            "primary_", "contact_", "user_", "acct_", "home_", "work_"]
SUFFIXES = ["", "", "", "_1", "_2", "_raw", "_hash", "_verified", "_id", "_txt", "_norm",
            "_old", "_new", "_key"]
TYPES = ["varchar", "integer", "text", "timestamp", "numeric", "boolean", None]


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(w.title() for w in rest)


def typo(name: str, rnd: random.Random) -> str:
    if len(name) < 6:
        return name
    i = rnd.randrange(1, len(name) - 1)
    return name[:i] + name[i + 1] + name[i] + name[i + 2:]


def schema_names(n: int, rnd: random.Random) -> list[tuple[str, str | None]]:
    out = []
    for _ in range(n):
        word = rnd.choice(PII_WORDS if rnd.random() < 0.3 else OTHER_WORDS)
        name = rnd.choice(PREFIXES) + word + rnd.choice(SUFFIXES)
        r = rnd.random()
        if r < 0.25:
            name = camel(name)
        elif r < 0.30:
            name = typo(name, rnd)
        elif r < 0.35:
            name = name.upper()
        if rnd.random() < 0.15:  # some schemas have long-tail names
            name += "_" + "".join(rnd.choices(string.ascii_lowercase, k=rnd.randint(3, 8)))
        out.append((name, rnd.choice(TYPES)))
    return out


def unique_names(n: int, rnd: random.Random) -> list[tuple[str, str | None]]:
    seen: set[str] = set()
    out = []
    base = schema_names(n, rnd)
    for i, (name, t) in enumerate(base):
        name = f"{name}_{i:x}" if name in seen else name
        seen.add(name)
        out.append((name, t))
    return out


def value_columns(n: int, rnd: random.Random) -> list[tuple[str, list[str]]]:
    path = FIXTURES / "pii" / "presidio_research" / "FakeNameGenerator.com_3000.csv"
    with path.open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    fake = [(c, [r[c] for r in rows]) for c in rows[0]]
    gens = {
        "id": lambda: str(rnd.randrange(1, 10**7)),
        "amount": lambda: f"{rnd.uniform(0, 5000):.2f}",
        "created_at": lambda: f"20{rnd.randrange(10, 25)}-{rnd.randrange(1, 13):02d}-"
                              f"{rnd.randrange(1, 29):02d} {rnd.randrange(24):02d}:00:00",
        "status": lambda: rnd.choice(["new", "paid", "shipped", "cancelled"]),
        "sku": lambda: "".join(rnd.choices(string.ascii_uppercase + string.digits, k=10)),
        "notes": lambda: " ".join(rnd.choices(["call", "back", "late", "ok", "refund",
                                               "the", "customer", "asked"], k=6)),
        "contact_email": lambda: f"{rnd.choice(['ann', 'bob', 'eve'])}{rnd.randrange(999)}"
                                 f"@example.{rnd.choice(['com', 'org', 'de'])}",
        "phone": lambda: f"+1 {rnd.randrange(200, 999)}-{rnd.randrange(200, 999)}-"
                         f"{rnd.randrange(1000, 9999)}",
    }
    out = []
    for i in range(n):
        if i % 2 == 0:
            name, values = fake[rnd.randrange(len(fake))]
            start = rnd.randrange(0, len(values) - 100)
            out.append((f"{name}_{i}", values[start:start + 100]))
        else:
            name = rnd.choice(list(gens))
            out.append((f"{name}_{i}", [gens[name]() for _ in range(100)]))
    return out


def timed(fn) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--names", type=int, default=200_000)
    ap.add_argument("--columns", type=int, default=5_000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

    names = schema_names(args.names, rnd)
    distinct = len(set(names))
    clf = Classifier()
    wall, cpu = timed(lambda: [clf.classify(n, t) for n, t in names])
    print(f"names only, realistic repeats: {args.names:,} columns ({distinct:,} distinct "
          f"name/type pairs), cold cache: {args.names / wall:,.0f} columns/s wall, "
          f"{args.names / cpu:,.0f} columns/s CPU (target >= 50,000)")
    uniq = unique_names(args.names // 2, rnd)
    clf = Classifier()
    wall, cpu = timed(lambda: [clf.classify(n, t) for n, t in uniq])
    print(f"names only, every name unseen: {len(uniq):,} columns: {len(uniq) / wall:,.0f} "
          f"columns/s wall, {len(uniq) / cpu:,.0f} columns/s CPU")

    cols = value_columns(args.columns, rnd)
    clf = Classifier()
    found = []
    wall, cpu = timed(lambda: found.extend(clf.classify(n, None, v) for n, v in cols))
    hits = sum(1 for r in found if r)
    print(f"with 100 sampled values: {len(cols):,} columns ({hits:,} classified): "
          f"{len(cols) / wall:,.0f} columns/s wall, {len(cols) / cpu:,.0f} columns/s CPU "
          f"(target >= 2,000)")


if __name__ == "__main__":
    main()
