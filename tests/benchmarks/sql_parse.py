"""SQL lineage throughput: statements parsed per second, schemas read from the graph.

    python -m tests.benchmarks.sql_parse [--engine embedded|neo4j] [--data-dir DIR]
        [--tables 300] [--seconds 20] [--heap 1g]

Writes a warehouse of `--tables` tables (20 columns each) into a fresh graph, then runs
`ingestors.sql.analyze` as the ingestors do (each statement's tables resolved to datasets
and their columns read from the graph in one query) on generated statements of two
sizes: short (3-5 lines: a join, a filter) and long (about 50 lines: CTEs, joins, CASE,
window functions, GROUP BY, `select *` expanded from the schemas). Prints statements per
second for each, with and without the graph read, next to the target of issue 14 (at least
200 per second for 50-line statements), and the load average before and after: on a shared
machine it says how much of a figure is waiting for a core.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

from graph import GraphStore, Label, Rel
from identity import ids
from identity.namespaces import table_dataset
from ingestors.sql import TableRef, analyze
from ingestors.sql.resolve import TableResolver
from tests.benchmarks.engines import add_engine_args, bench_engine

TARGET_LONG = 200.0  # statements per second, 50-line statements (issue 14)
COLUMNS = 20
HOST, PORT, DB = "bench-sql", 5432, "wh"


def table_name(i: int) -> str:
    return f"t{i:04d}"


def column_names(i: int) -> list[str]:
    return ["id", "customer_id", "created_at", "status", "amount",
            *(f"c{i % 7}_{k:02d}" for k in range(COLUMNS - 5))]


def dataset(t: str) -> str:
    return table_dataset("postgres", host=HOST, port=PORT, database=DB, schema="public",
                         table=t)


def load_warehouse(store: GraphStore, tables: int) -> None:
    """`tables` datasets with their columns, as a database harvest writes them."""
    def write(tx) -> None:
        for start in range(0, tables, 100):
            chunk = range(start, min(start + 100, tables))
            rows = [{"id": dataset(table_name(i)), "namespace": f"postgres://{HOST}:{PORT}",
                     "name": f"{DB}.public.{table_name(i)}", "kind": "table",
                     "platform": "postgres"} for i in chunk]
            tx.upsert_nodes(Label.DATASET, rows, source="manual")
            pairs = [(dataset(table_name(i)), k, c) for i in chunk
                     for k, c in enumerate(column_names(i))]
            tx.upsert_nodes(Label.COLUMN, [{"id": ids.column_id(ds, c), "name": c, "path": c,
                                            "ordinal": k} for ds, k, c in pairs],
                            source="manual")
            tx.upsert_edges(Rel.HAS_COLUMN, [{"src": ds, "dst": ids.column_id(ds, c)}
                                             for ds, _, c in pairs], source="manual")
    store.write(write)


def short_statement(rng: random.Random, tables: int) -> str:
    a, b = rng.sample(range(tables), 2)
    ca, cb = column_names(a), column_names(b)
    return (f"SELECT x.id, x.{ca[6]}, y.{cb[7]} AS other, x.amount * 2 AS doubled\n"
            f"FROM {table_name(a)} x JOIN {table_name(b)} y ON y.customer_id = x.customer_id\n"
            f"WHERE x.status = 'open'")


def long_statement(rng: random.Random, tables: int) -> str:
    """About 50 lines of dbt-model-like SQL over four tables."""
    a, b, c, d = (table_name(i) for i in rng.sample(range(tables), 4))
    ca = column_names(int(a[1:]))
    return f"""WITH base AS (
    SELECT *
    FROM {a}
    WHERE status <> 'deleted'
      AND created_at >= DATE '2024-01-01'
),
payments AS (
    SELECT
        p.customer_id,
        count(*) AS payment_count,
        sum(p.amount) AS paid,
        max(p.created_at) AS last_paid
    FROM {b} p
    WHERE p.status = 'settled'
    GROUP BY p.customer_id
),
ranked AS (
    SELECT
        base.*,
        row_number() OVER (PARTITION BY base.customer_id ORDER BY base.created_at DESC) AS rn,
        lag(base.amount) OVER (PARTITION BY base.customer_id ORDER BY base.created_at)
            AS previous_amount
    FROM base
),
enriched AS (
    SELECT
        r.id,
        r.customer_id,
        r.{ca[5]},
        r.{ca[6]} AS attribute,
        md5(r.{ca[7]}) AS hashed,
        coalesce(pay.paid, 0) AS paid,
        pay.payment_count,
        CASE
            WHEN pay.paid > r.amount THEN 'overpaid'
            WHEN pay.paid = r.amount THEN 'settled'
            ELSE 'open'
        END AS balance_state,
        r.amount - coalesce(r.previous_amount, 0) AS delta,
        s.status AS segment
    FROM ranked r
    LEFT JOIN payments pay ON pay.customer_id = r.customer_id
    LEFT JOIN {c} s ON s.id = r.customer_id
    WHERE r.rn = 1
)
SELECT e.*, d.amount AS reference_amount
FROM enriched e
JOIN {d} d ON d.id = e.id
ORDER BY e.customer_id"""


def run(label: str, statements: list[str], analyse: Callable[[str], object],
        seconds: float) -> float:
    done, start = 0, time.perf_counter()
    while True:
        analyse(statements[done % len(statements)])
        done += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            break
    rate = done / elapsed
    lines = sum(s.count("\n") + 1 for s in statements) / len(statements)
    print(f"  {label:<40} {rate:8.1f} statements/s  ({done} in {elapsed:.1f}s, "
          f"{lines:.0f} lines each)")
    return rate


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_engine_args(p)
    p.add_argument("--data-dir", type=Path, default=Path(".bench/sql_parse"))
    p.add_argument("--tables", type=int, default=300)
    p.add_argument("--seconds", type=float, default=20.0, help="per figure")
    p.add_argument("--heap", default="1g")
    args = p.parse_args(argv)
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
          f"on {os.cpu_count()} cores")
    rng = random.Random(14)
    shorts = [short_statement(rng, args.tables) for _ in range(200)]
    longs = [long_statement(rng, args.tables) for _ in range(200)]
    with bench_engine(args.engine, args.data_dir, heap=args.heap, fresh=True,
                      pagecache_mb=args.neo4j_pagecache_mb) as eng, eng.store() as store:
        print(f"engine: {eng.describe()}")
        load_warehouse(store, args.tables)

        def candidates(t: TableRef) -> list[str]:
            return [dataset(t.name)]

        def from_graph(sql: str) -> object:
            return analyze(sql, "postgres", resolve=TableResolver(candidates, store=store))

        known = {dataset(table_name(i)): column_names(i) for i in range(args.tables)}

        def in_memory(sql: str) -> object:
            return analyze(sql, "postgres", resolve=TableResolver(candidates, known=known))

        # sanity: `select *` expanded, typed edges found
        sample = from_graph(longs[0])
        print(f"  a long statement: {len(sample.columns)} output columns, "  # type: ignore[attr-defined]
              f"{len(sample.edges())} typed edges, confidence "  # type: ignore[attr-defined]
              f"{sample.confidence}")  # type: ignore[attr-defined]
        short = run("short, schemas from the graph", shorts, from_graph, args.seconds)
        long = run("long (~50 lines), schemas from the graph", longs, from_graph,
                   args.seconds)
        run("short, schemas in memory", shorts, in_memory, args.seconds)
        run("long (~50 lines), schemas in memory", longs, in_memory, args.seconds)
    print(f"target: >= {TARGET_LONG:.0f}/s for 50-line statements: "
          f"{'met' if long >= TARGET_LONG else 'NOT met'} ({long:.1f}/s; short {short:.1f}/s)")
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    sys.exit(main())
