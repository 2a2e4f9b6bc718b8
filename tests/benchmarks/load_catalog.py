"""Load the synthetic mesh catalog through GraphStore into a fresh engine.

    python -m tests.benchmarks.load_catalog [--engine embedded|neo4j]
        [--scale full|medium|small|tiny|xl]
        [--datasets 100000 --columns 10 --feeds 150000 --column-edges 1000000]
        [--data-dir DIR] [--heap 3g] [--batch 5000] [--writers 2]

prints rows/s per kind, the total time, and the peak memory of this process plus the
engine's JVM. Other benchmarks call `ensure_catalog(scale, engine)`: it loads a scale once
into `.bench/catalog-<scale key>[-neo4j]` (gitignored) and leaves a marker, so they reuse it.
"""

from __future__ import annotations

import argparse
import dataclasses
import fcntl
import json
import logging
import os
import sys
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import Any

from graph import GraphStore, Label, Rel
from graph.bulk import store_edges_bulk, store_nodes_bulk
from tests.benchmarks.engines import BenchEngine, add_engine_args, bench_engine
from tests.benchmarks.memory import MemorySampler, cpu_seconds, mib, self_pid
from tests.benchmarks.synthetic import SCALES, SCOPE, SOURCE, Scale, SyntheticCatalog

ROOT = Path(__file__).resolve().parents[2]
BENCH_DIR = ROOT / ".bench"
MARKER = "bench-loaded.json"  # a complete load of the scale inside it
DEFAULT_HEAP = "3g"
# ParallelGC for a bulk load: a third of G1's pause time and ~12% less engine CPU measured
# (the engine module starts with G1, which suits a serving process better)
DEFAULT_JVM_ARGS = ("-XX:-UseG1GC", "-XX:+UseParallelGC")
log = logging.getLogger("bench.load")


@dataclasses.dataclass
class LoadOptions:
    batch: int = 5000
    # one writer: two conflict on ArcadeDB's pages often enough (a retry every few
    # transactions, each after the driver's 1 s+ back-off) that they load slower than one
    writers: int = 1
    heap: str = DEFAULT_HEAP
    jvm_args: tuple[str, ...] = DEFAULT_JVM_ARGS
    bulk: bool = True  # graph.bulk: columns with HAS_COLUMN in one statement, create-first edges
    engine: str = "embedded"
    pagecache_mb: int = 4096  # the Neo4j test service's page cache
    change_feed: bool = True


@dataclasses.dataclass
class KindStat:
    kind: str
    rows: int = 0
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


def chunks(rows: Iterable[dict], size: int) -> Iterator[list[dict]]:
    it = iter(rows)
    while part := list(islice(it, size)):
        yield part


def _write_chunk(store: GraphStore, kind: Label | Rel, part: list[dict], bulk: bool,
                 scope: str) -> int:
    if isinstance(kind, Label) and bulk:  # columns: with their HAS_COLUMN edges
        return store_nodes_bulk(store, kind, part, source=SOURCE, scope=scope)
    if isinstance(kind, Label):
        return store.upsert_nodes(kind, part, source=SOURCE, scope=scope)
    if bulk:
        return store_edges_bulk(store, kind, part, source=SOURCE, scope=scope)
    return store.upsert_edges(kind, part, source=SOURCE, scope=scope)


def _phase(kind: Label | Rel, bulk: bool) -> int:
    """Kinds of one phase only need what earlier phases wrote, so they may run together."""
    if kind is Label.COLUMN:
        return 1
    return 0 if isinstance(kind, Label) else 2


def load(store: GraphStore, cat: SyntheticCatalog, opts: LoadOptions,
         progress: bool = True, scope: str = SCOPE) -> list[KindStat]:
    """Every kind in plan order. Chunks go to `opts.writers` threads; a kind waits only for
    the phases before it (nodes, then columns, then edges), not for the kind before it.
    A kind's time runs from its first chunk sent to its last chunk committed."""
    stats: dict[str, KindStat] = {}
    starts: dict[str, float] = {}
    ends: dict[str, float] = {}

    def done(name: str) -> None:
        ends[name] = time.perf_counter()

    def report(names: list[str]) -> None:
        for name in names:
            stat = stats[name]
            stat.seconds = ends.get(name, starts[name]) - starts[name]
            if progress:
                print(f"  {stat.kind:<14} {stat.rows:>10,} rows {stat.seconds:8.1f} s "
                      f"{stat.rate:>10,.0f} rows/s", flush=True)

    with ThreadPoolExecutor(max_workers=opts.writers) as pool:
        inflight: list[Future] = []
        phase, names = 0, []
        for kind, rows in cat.plan():
            if kind is Rel.HAS_COLUMN and opts.bulk:
                continue  # written with the columns
            if _phase(kind, opts.bulk) != phase:
                for fut in inflight:
                    fut.result()
                inflight = []
                report(names)
                phase, names = _phase(kind, opts.bulk), []
            name = str(kind)
            names.append(name)
            stats[name] = KindStat(name)
            starts[name] = time.perf_counter()
            for part in chunks(rows(), opts.batch):
                fut = pool.submit(_write_chunk, store, kind, part, opts.bulk, scope)
                fut.add_done_callback(lambda _f, n=name: done(n))
                inflight.append(fut)
                stats[name].rows += len(part)
                while len(inflight) >= opts.writers * 2:
                    inflight.pop(0).result()
        for fut in inflight:
            fut.result()
        report(names)
    out = list(stats.values())
    if opts.bulk:
        col = stats[str(Label.COLUMN)]
        out.append(KindStat(f"{Rel.HAS_COLUMN}*", col.rows, col.seconds))
    return out


@contextmanager
def open_catalog(data_dir: Path, opts: LoadOptions | None = None,
                 fresh: bool = False) -> Iterator[tuple[GraphStore, BenchEngine]]:
    """A GraphStore on the benchmark engine of `data_dir` (started, then stopped)."""
    opts = opts or LoadOptions()
    with bench_engine(opts.engine, data_dir, heap=opts.heap, pagecache_mb=opts.pagecache_mb,
                      jvm_args=opts.jvm_args, fresh=fresh,
                      change_feed=opts.change_feed) as engine:
        store = engine.store()
        try:
            yield store, engine
        finally:
            store.close()


def run_load(scale: Scale, data_dir: Path, opts: LoadOptions,
             progress: bool = True) -> dict[str, Any]:
    """Generate, load into a fresh engine in `data_dir`, and measure. Returns the figures."""
    t_gen = time.perf_counter()
    cat = SyntheticCatalog(scale)
    gen_s = time.perf_counter() - t_gen
    expected = cat.counts()
    with MemorySampler([self_pid()]) as mem:
        t_start = time.perf_counter()
        with open_catalog(data_dir, opts, fresh=True) as (store, engine):
            jvm = engine.engine_pid()
            if jvm:
                mem.add(jvm)
            start_s = time.perf_counter() - t_start
            cpu0 = (cpu_seconds(jvm) if jvm else 0.0, time.process_time())
            t0 = time.perf_counter()
            stats = load(store, cat, opts, progress)
            load_s = time.perf_counter() - t0
            jvm_cpu = (cpu_seconds(jvm) if jvm else 0.0) - cpu0[0]
            py_cpu = time.process_time() - cpu0[1]
            hwm = mem.hwm_kb()
            counts = store.counts()
        stop_s = time.perf_counter() - t0 - load_s
    mismatched = {k: (v, counts.get(k)) for k, v in expected.items() if counts.get(k) != v}
    result = {
        "engine": opts.engine,
        "scale": dataclasses.asdict(scale), "options": dataclasses.asdict(opts),
        "generate_s": round(gen_s, 2), "engine_start_s": round(start_s, 2),
        "load_s": round(load_s, 2), "stop_s": round(stop_s, 2),
        "rows": sum(s.rows for s in stats),
        "rows_per_s": round(sum(s.rows for s in stats) / load_s),
        "load_avg_1m_at_end": round(os.getloadavg()[0], 1),
        "engine_cpu_s": round(jvm_cpu, 1), "python_cpu_s": round(py_cpu, 1),
        "kinds": {s.kind: {"rows": s.rows, "seconds": round(s.seconds, 2),
                           "rows_per_s": round(s.rate)} for s in stats},
        "peak_rss_mib": round(mib(mem.peak_kb)),
        "peak_rss_by_process_mib": {("python" if p == self_pid() else "jvm"): round(mib(v))
                                    for p, v in mem.peak_by_pid.items()},
        "sum_of_hwm_mib": round(mib(hwm)),
        "counts_match": not mismatched, "mismatched": mismatched,
    }
    return result


def ensure_catalog(scale: Scale | str = "full", data_dir: Path | None = None,
                   opts: LoadOptions | None = None) -> Path:
    """The data folder of a loaded `scale`, loading it first if no complete load is there.

    Default folder: `.bench/catalog-<scale.key>[-neo4j]` in the repository (gitignored).
    Open it with `open_catalog(path, opts)`; the marker holds the load figures and the
    expected counts."""
    scale = SCALES[scale] if isinstance(scale, str) else scale
    opts = opts or LoadOptions()
    data_dir = Path(data_dir or catalog_dir(scale, opts.engine))
    marker = data_dir / MARKER
    with catalog_lock(data_dir):
        if marker.exists() and json.loads(marker.read_text()).get("scale") == \
                dataclasses.asdict(scale):
            return data_dir
        result = run_load(scale, data_dir, opts, progress=False)
        if not result["counts_match"]:
            raise RuntimeError(f"loaded counts differ from the generator: "
                               f"{result['mismatched']}")
        marker.write_text(json.dumps(result, indent=2))
    return data_dir


@contextmanager
def catalog_lock(data_dir: Path) -> Iterator[None]:
    """One load of a catalog folder at a time: a second loader (or a benchmark asking for
    the catalog) waits, and never finds a marker beside a half-written graph."""
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    with open(data_dir.parent / f".{data_dir.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def catalog_dir(scale: Scale, engine: str) -> Path:
    suffix = "" if engine == "embedded" else f"-{engine}"
    if engine == "neo4j" and os.environ.get("NEO4J_URI"):
        suffix += "-" + "".join(c if c.isalnum() else "_" for c in os.environ["NEO4J_URI"])
    return BENCH_DIR / f"catalog-{scale.key}{suffix}"


def _scale_from(args: argparse.Namespace) -> Scale:
    base = SCALES[args.scale]
    over = {k: v for k, v in {"datasets": args.datasets, "columns": args.columns,
                              "feeds": args.feeds, "column_edges": args.column_edges,
                              "seed": args.seed}.items() if v is not None}
    return dataclasses.replace(base, **over)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tests.benchmarks.load_catalog",
                                description=__doc__.split("\n\n")[0])
    add_engine_args(p)
    p.add_argument("--scale", choices=sorted(SCALES), default="full")
    p.add_argument("--datasets", type=int)
    p.add_argument("--columns", type=int, help="columns per dataset")
    p.add_argument("--feeds", type=int, help="dataset lineage (FEEDS) edges")
    p.add_argument("--column-edges", type=int, help="column lineage (DERIVES_FROM) edges")
    p.add_argument("--seed", type=int)
    p.add_argument("--data-dir", type=Path,
                   help="default .bench/catalog-<scale key>[-neo4j] (wiped), where the other "
                        "benchmarks find a loaded scale")
    p.add_argument("--heap", default=DEFAULT_HEAP, help="JVM heap of the embedded engine")
    p.add_argument("--jvm-arg", action="append", default=None,
                   help=f"JVM flag (repeat); replaces the default {' '.join(DEFAULT_JVM_ARGS)}")
    p.add_argument("--batch", type=int, default=LoadOptions.batch, help="rows per transaction")
    p.add_argument("--writers", type=int, default=LoadOptions.writers, help="writer threads")
    p.add_argument("--generic", action="store_true",
                   help="the generic upserts only (no graph.bulk), for comparison")
    p.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    scale = _scale_from(args)
    opts = LoadOptions(batch=args.batch, writers=args.writers, heap=args.heap,
                       jvm_args=DEFAULT_JVM_ARGS if args.jvm_arg is None else tuple(args.jvm_arg),
                       bulk=not args.generic, engine=args.engine,
                       pagecache_mb=args.neo4j_pagecache_mb, change_feed=args.change_feed)
    data_dir = args.data_dir or catalog_dir(scale, args.engine)
    print(f"scale {scale.key}: {scale}\noptions {opts}\ndata dir {data_dir}", flush=True)
    with catalog_lock(data_dir):
        (data_dir / MARKER).unlink(missing_ok=True)  # not a complete load while it loads
        r = run_load(scale, data_dir, opts)
        if r["counts_match"] and data_dir == catalog_dir(scale, args.engine):
            (data_dir / MARKER).write_text(json.dumps(r, indent=2))  # the others reuse it
    if opts.bulk:
        print(f"  (* {Rel.HAS_COLUMN} written with the columns, one statement)")
    print(f"engine {args.engine}, change feed {'on' if args.change_feed else 'off'}")
    print(f"generator {r['generate_s']} s (catalog plan), engine start {r['engine_start_s']} s, "
          f"{os.cpu_count()} cores, load average {os.getloadavg()}")
    print(f"loaded {r['rows']:,} rows in {r['load_s']} s = {r['rows_per_s']:,} rows/s "
          f"(stop {r['stop_s']} s)")
    print(f"CPU during the load: engine {r['engine_cpu_s']} s, python {r['python_cpu_s']} s "
          f"({(r['engine_cpu_s'] + r['python_cpu_s']) * 1e6 / max(r['rows'], 1):.0f} us per row)")
    print(f"peak RSS python+jvm (sampled) {r['peak_rss_mib']:,} MiB "
          f"{r['peak_rss_by_process_mib']}; sum of per-process peaks {r['sum_of_hwm_mib']:,} MiB")
    print("counts match the generator" if r["counts_match"]
          else f"COUNTS DIFFER: {r['mismatched']}")
    if args.json:
        json.dump(r, sys.stdout, indent=2)
        print()
    return 0 if r["counts_match"] else 1


if __name__ == "__main__":
    sys.exit(main())
