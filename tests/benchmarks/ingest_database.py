"""Benchmark: harvest a PostgreSQL database of N tables x M columns into a fresh engine.

    python -m tests.benchmarks.ingest_database [--engine embedded|neo4j] [--tables 2000]
        [--columns 20]

Creates the database `ingest_bench_<tables>x<columns>` on the local PostgreSQL (kept for
reuse; --recreate rebuilds it, --drop removes it afterwards), starts a fresh engine
in a temporary folder, runs the `database` source twice (a first harvest and a second,
unchanged one) and prints the time of each phase. Targets at 2,000 x 20: first run <= 60 s,
second run <= 30 s.
"""

from __future__ import annotations

import argparse
import logging
import os
import resource
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

from graph import GraphStore
from ingestors import runner
from ingestors.recipe import parse_recipe
from tests.benchmarks.engines import add_engine_args, bench_engine

ADMIN = "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres"
TYPES = ["integer", "bigint", "text", "varchar(64)", "numeric(12,2)", "timestamp",
         "date", "boolean", "jsonb", "uuid"]


def ensure_database(name: str, tables: int, columns: int, recreate: bool) -> str:
    admin = sa.create_engine(ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.execute(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"),
                              {"n": name}).first()
        if exists and not recreate:
            recreate = _table_count(name) != tables  # an earlier build did not finish
        if exists and recreate:
            conn.execute(sa.text(f'DROP DATABASE "{name}" WITH (FORCE)'))
            exists = None
        if not exists:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = f"postgresql+psycopg2://postgres@127.0.0.1:5432/{name}"
    if not exists:
        t = time.monotonic()
        ddl = []
        for i in range(tables):
            cols = ["id integer PRIMARY KEY"]
            for j in range(1, columns):
                if j == 1 and i > 0:
                    cols.append(f"parent_id integer REFERENCES t{i - 1:05d}(id)")
                else:
                    cols.append(f"c{j:02d}_{TYPES[j % len(TYPES)].split('(')[0]} "
                                f"{TYPES[j % len(TYPES)]}")
            ddl.append(f"CREATE TABLE t{i:05d} ({', '.join(cols)});")
            ddl.append(f"COMMENT ON TABLE t{i:05d} IS 'benchmark table {i}';")
        engine = sa.create_engine(url)
        for k in range(0, len(ddl), 200):  # 100 tables per transaction (lock table size)
            with engine.begin() as conn:
                conn.exec_driver_sql("\n".join(ddl[k:k + 200]))
        engine.dispose()
        print(f"created {name}: {tables} tables x {columns} columns "
              f"in {time.monotonic() - t:.1f}s")
    return url


def _table_count(name: str) -> int:
    engine = sa.create_engine(f"postgresql+psycopg2://postgres@127.0.0.1:5432/{name}")
    with engine.connect() as conn:
        n = conn.execute(sa.text("SELECT count(*) FROM information_schema.tables "
                                 "WHERE table_schema = 'public'")).scalar_one()
    engine.dispose()
    return n


def drop_database(name: str) -> None:
    admin = sa.create_engine(ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def cpu_seconds(engine_pid: int | None) -> tuple[float, float]:
    """CPU time used so far by this process and by the engine process: on a shared machine
    wall time depends on the load, CPU time much less."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    if engine_pid is None:  # a remote Neo4j
        return me.ru_utime + me.ru_stime, 0.0
    fields = Path(f"/proc/{engine_pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return me.ru_utime + me.ru_stime, (int(fields[11]) + int(fields[12])) / ticks


def timed_run(store: GraphStore, recipe, label: str, engine_pid: int | None) -> None:
    """One recipe run with each phase timed (harvest, diff, write, close)."""
    cpu0 = cpu_seconds(engine_pid)
    ctx = runner.RunContext(store=store, base_dir=Path.cwd())
    source = recipe.source_cls(recipe.config, ctx)
    t0 = time.monotonic()
    harvest = source.harvest()
    t1 = time.monotonic()
    runner.drop_dangling_edges(store, harvest, ctx)
    plan = runner.plan(store, source, harvest)
    runner.check_guard(plan, store.max_close_ratio)
    t2 = time.monotonic()
    seen_before = runner.now_iso()
    runner.write(store, source, harvest, plan, ctx)
    added, _ = runner.count_created(store, plan, seen_before)
    t3 = time.monotonic()
    closed = store.close_stale(source.scope, seen_before, labels=source.closable_labels(),
                               rels=source.closable_rels()) if plan.stale_count else {}
    t4 = time.monotonic()
    rows = harvest.node_count() + harvest.edge_count()
    cpu1 = cpu_seconds(engine_pid)
    print(f"{label}: total {t4 - t0:6.1f}s | read database {t1 - t0:5.1f}s | "
          f"diff+guard {t2 - t1:5.1f}s | write+touch {t3 - t2:5.1f}s "
          f"({rows / max(t3 - t2, 1e-9):,.0f} rows/s) | close {t4 - t3:4.1f}s | "
          f"{harvest.node_count():,} nodes, {harvest.edge_count():,} edges, "
          f"added {sum(added.values()):,}, rewritten {sum(plan.updated.values()):,}, "
          f"unchanged {sum(plan.unchanged.values()):,}, closed {sum(closed.values())}")
    print(f"{' ' * len(label)}  cpu: this process {cpu1[0] - cpu0[0]:.1f}s, "
          f"engine {cpu1[1] - cpu0[1]:.1f}s; load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_engine_args(ap)
    ap.add_argument("--tables", type=int, default=2000)
    ap.add_argument("--columns", type=int, default=20)
    ap.add_argument("--heap", default="2g")
    ap.add_argument("--recreate", action="store_true")
    ap.add_argument("--drop", action="store_true", help="drop the database afterwards")
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)
    name = f"ingest_bench_{args.tables}x{args.columns}"
    url = ensure_database(name, args.tables, args.columns, args.recreate)
    recipe = parse_recipe({"source": {"type": "database", "config": {"url": url}}},
                          base_dir=Path.cwd())
    with tempfile.TemporaryDirectory(prefix="ingest-bench-") as tmp, \
            bench_engine(args.engine, Path(tmp), heap=args.heap,
                         pagecache_mb=args.neo4j_pagecache_mb, fresh=True) as engine:
        t = time.monotonic()
        store = engine.store()
        print(f"engine {engine.describe()} started in {time.monotonic() - t:.1f}s")
        try:
            pid = engine.engine_pid()
            timed_run(store, recipe, "first run ", pid)
            timed_run(store, recipe, "second run", pid)
        finally:
            store.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process: {peak:.0f} MB")
    if args.drop:
        drop_database(name)


if __name__ == "__main__":
    main()
