"""Benchmark of OpenLineage ingestion: prints figures (not a test).

    .venv/bin/python -m tests.benchmarks.openlineage_ingest [--engine embedded|neo4j]
        [--events 20000] [--replay 100000]
        [--catalog full|medium|small|xl]  # on a copy of the synthetic benchmark catalog
        [--data-dir DIR]               # or on an engine folder of your own (else empty)

Events look like what Spark or Airflow send for a SQL job: 4 inputs and 1 output (5
datasets) of 20 columns each, schema and dataSource facets on every dataset, column lineage
(each output column from 2 input columns) on the output. A pool of jobs runs again and
again (START and COMPLETE per run, full facets on both), as schedulers do, so most events
repeat facets the graph already holds; the first pass over the pool is reported apart.

Phases, against a real `catalog serve` process (and its engine, in its own process):
1. batch: events/s sustained through POST /api/v1/lineage/batch (batches of --batch);
2. single: latency of POST /api/v1/lineage, one event per request (p50/p95/p99);
3. replay: `catalog replay` of an NDJSON file of --replay events into a fresh engine.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from catalog.auth import Role
from tests.benchmarks.engines import BenchEngine, add_engine_args, bench_engine
from tests.support import serve
from tests.support.tokens import create_token

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PRODUCER = "https://github.com/OpenLineage/OpenLineage/tree/1.30.0/integration/spark"
P = {"_producer": PRODUCER, "_schemaURL": "https://openlineage.io/spec/facets/1-2-0/x.json"}
NS = "postgres://bench-db:5432"
T0 = datetime(2025, 1, 1, tzinfo=UTC)


class Pool:
    """Jobs over a pool of datasets; `event(i)` is the i-th event of the benchmark."""

    def __init__(self, jobs: int, datasets: int, columns: int = 20, seed: int = 11,
                 names: list[tuple[str, str]] | None = None):
        rnd = random.Random(seed)
        self.columns = columns
        self.names = names or []  # (namespace, name) of existing datasets to use first
        self.jobs = []
        for j in range(jobs):
            inputs = rnd.sample(range(datasets), 4)
            output = datasets + j  # each job writes its own table
            self.jobs.append((f"job_{j:05d}", inputs, output))
        self.lineage = {j: [(rnd.randrange(4), rnd.randrange(columns), rnd.randrange(4),
                             rnd.randrange(columns)) for _ in range(columns)]
                        for j in range(jobs)}

    def ref(self, k: int) -> tuple[str, str]:
        if k < len(self.names):
            return self.names[k]
        return NS, f"bench.schema_{k % 50:02d}.table_{k:06d}"

    def dataset(self, k: int) -> dict:
        ns, name = self.ref(k)
        return {"namespace": ns, "name": name, "facets": {
            "schema": {**P, "fields": [{"name": f"col_{c:02d}", "type": "varchar",
                                        "description": f"column {c} of table {k}"}
                                       for c in range(self.columns)]},
            "dataSource": {**P, "name": "bench-db", "uri": "postgres://bench-db:5432/bench"}}}

    def event(self, i: int, *, fresh: bool = False) -> dict:
        """Runs go round the pool; an even i is START, the next odd i its COMPLETE.
        `fresh` names datasets never seen before (the worst case: nothing to skip)."""
        run, complete = divmod(i, 2)
        j = run % len(self.jobs)
        name, inputs, output = self.jobs[j]
        if fresh:
            base = 10_000_000 + run * 5
            inputs, output = [base + n for n in range(4)], base + 4
        ins = [self.dataset(k) for k in inputs]
        out = self.dataset(output)
        out["facets"]["columnLineage"] = {**P, "fields": {
            f"col_{c:02d}": {"inputFields": [
                {"namespace": self.ref(inputs[a])[0], "name": self.ref(inputs[a])[1],
                 "field": f"col_{ca:02d}",
                 "transformations": [{"type": "DIRECT", "subtype": "TRANSFORMATION"}]},
                {"namespace": self.ref(inputs[b])[0], "name": self.ref(inputs[b])[1],
                 "field": f"col_{cb:02d}",
                 "transformations": [{"type": "INDIRECT", "subtype": "JOIN"}]}]}
            for c, (a, ca, b, cb) in enumerate(self.lineage[j])}}
        when = T0 + timedelta(minutes=run, seconds=30 * complete)
        return {"eventType": "COMPLETE" if complete else "START",
                "eventTime": when.isoformat().replace("+00:00", "Z"), "producer": PRODUCER,
                "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
                "run": {"runId": str(uuid.UUID(int=run + 1, version=4))},
                "job": {"namespace": "spark://bench", "name": name, "facets": {
                    "jobType": {**P, "processingType": "BATCH", "integration": "SPARK",
                                "jobType": "JOB"}}},
                "inputs": ins, "outputs": [out]}


HEADERS = {"Content-Type": "application/json"}


def start_server(engine: BenchEngine) -> tuple[subprocess.Popen, str]:
    """`catalog serve` on the engine, with an ingest token for the senders in HEADERS."""
    data_dir = engine.graph.data_dir
    proc, base = serve.start(data_dir, heap=engine.heap,
                             extra_env={**engine.graph.env, "CATALOG_GRAPHIQL": "false",
                                        "CATALOG_CHANGE_FEED": str(engine.change_feed).lower()})
    HEADERS["Authorization"] = f"Bearer {create_token(engine.graph, 'bench', Role.INGEST)}"
    return proc, base


stop = serve.stop


def bodies(events, batch: int) -> list[bytes]:
    """Batch bodies prepared before the clock starts (the sender should cost nothing)."""
    out, chunk = [], []
    for event in events:
        chunk.append(event)
        if len(chunk) == batch:
            out.append(json.dumps(chunk).encode())
            chunk = []
    if chunk:
        out.append(json.dumps(chunk).encode())
    return out


def send(base: str, batches: list[bytes], clients: int) -> tuple[float, list[float]]:
    """Post `batches` from `clients` concurrent senders; (wall seconds, seconds per batch)."""
    times: list[float] = [0.0] * len(batches)

    def worker(k: int) -> None:
        with httpx.Client(timeout=600) as client:
            for i in range(k, len(batches), clients):
                t = time.perf_counter()
                r = client.post(f"{base}/api/v1/lineage/batch", content=batches[i],
                                headers=HEADERS)
                times[i] = time.perf_counter() - t
                if r.status_code != 200 or r.json()["summary"]["failed"]:
                    raise RuntimeError(f"batch refused: {r.status_code} {r.text[:500]}")

    t = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        for f in [pool.submit(worker, k) for k in range(clients)]:
            f.result()
    return time.perf_counter() - t, times


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and its children (the engine) so far (Linux /proc)."""
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return total


def cpu_seconds_own(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_engine_args(ap)
    ap.add_argument("--events", type=int, default=20_000, help="events for the batch phase")
    ap.add_argument("--clients", type=int, default=2, help="concurrent senders of batches")
    ap.add_argument("--batch", type=int, default=500)
    ap.add_argument("--jobs", type=int, default=500, help="jobs in the pool")
    ap.add_argument("--datasets", type=int, default=2_000, help="input datasets in the pool")
    ap.add_argument("--single", type=int, default=500, help="requests for the latency phase")
    ap.add_argument("--fresh", type=int, default=2_000,
                    help="events naming only new datasets (worst case), 0 to skip")
    ap.add_argument("--replay", type=int, default=100_000, help="events to replay, 0 to skip")
    ap.add_argument("--data-dir", type=Path, help="engine folder holding a catalog already")
    ap.add_argument("--catalog", choices=["tiny", "small", "medium", "full", "xl"],
                    help="run on a copy of the synthetic benchmark catalog of this scale "
                         "(tests/benchmarks/load_catalog.py loads it once)")
    ap.add_argument("--heap", default="2g")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="olbench-"))
    data_dir, names, where = args.data_dir or tmp / "serve", [], "an empty engine"
    if args.catalog:
        from tests.benchmarks.load_catalog import LoadOptions, ensure_catalog
        from tests.benchmarks.synthetic import SCALES, SyntheticCatalog

        source = ensure_catalog(args.catalog, opts=LoadOptions(
            engine=args.engine, pagecache_mb=args.neo4j_pagecache_mb))
        # a copy: the loaded catalog stays as other benchmarks expect it
        shutil.copytree(source, data_dir, ignore=shutil.ignore_patterns(
            "engine.json", "pid", "ready", "env"))
        catalog = SyntheticCatalog(SCALES[args.catalog])
        names = [meta[:2] for meta in catalog.ds_meta[:args.datasets + args.jobs]]
        where = f"a copy of the benchmark catalog ({args.catalog}: {SCALES[args.catalog]})"
    elif args.data_dir:
        where = f"the engine folder {data_dir}"
    pool = Pool(args.jobs, args.datasets, names=names)
    print(f"pool: {args.jobs} jobs over {args.datasets + args.jobs} datasets of 20 columns; "
          f"events of 5 datasets (100 columns, 20 lineage fields from 40 input fields); "
          f"into {where}")
    with bench_engine(args.engine, data_dir, heap=args.heap,
                      pagecache_mb=args.neo4j_pagecache_mb,
                      change_feed=args.change_feed) as engine:
        print(f"engine {engine.describe()}, change feed "
              f"{'on' if args.change_feed else 'off'}; load average {os.getloadavg()[0]:.1f}")
        run_server_phases(engine, pool, args)
    try:
        if args.replay:
            replay(pool, args, tmp)
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


def engine_cpu(engine: BenchEngine, server_pid: int) -> float:
    """CPU seconds of the engine so far: the Neo4j test service's own process, or the
    embedded engine (a child of the server: the server's children's CPU)."""
    if engine.service_pid:
        return cpu_seconds_own(engine.service_pid)
    return cpu_seconds(server_pid) - cpu_seconds_own(server_pid)


def run_server_phases(engine: BenchEngine, pool: Pool, args: argparse.Namespace) -> int:
    proc, base = start_server(engine)
    try:
        # 1. batch endpoint: a first pass over the pool (every schema and lineage new),
        # then the pool again and again
        first = 2 * args.jobs
        n = max(args.events, 2 * first)
        cold = bodies((pool.event(i) for i in range(first)), args.batch)
        took, _ = send(base, cold, args.clients)
        print(f"batch, first pass over the pool: {first} events in {took:.1f} s = "
              f"{first / took:.0f} events/s")
        warm = bodies((pool.event(i) for i in range(first, n)), args.batch)
        cpu_server, cpu_engine = cpu_seconds_own(proc.pid), engine_cpu(engine, proc.pid)
        took, times = send(base, warm, args.clients)
        server = (cpu_seconds_own(proc.pid) - cpu_server) / (n - first) * 1000
        engine_ms = (engine_cpu(engine, proc.pid) - cpu_engine) / (n - first) * 1000
        print(f"batch, sustained: {n - first} events in {took:.1f} s = "
              f"{(n - first) / took:.0f} events/s ({args.clients} client(s), "
              f"{args.batch} events per batch, p50 {statistics.median(times) * 1000:.0f} ms "
              f"per batch); CPU per event: server {server:.2f} ms, engine {engine_ms:.2f} ms")
        del cold, warm
        if args.fresh:
            fresh = bodies((pool.event(10 ** 7 + i, fresh=True) for i in range(args.fresh)),
                           args.batch)
            cpu_server, cpu_engine = cpu_seconds_own(proc.pid), engine_cpu(engine, proc.pid)
            took, _ = send(base, fresh, args.clients)
            server = (cpu_seconds_own(proc.pid) - cpu_server) / args.fresh * 1000
            engine_ms = (engine_cpu(engine, proc.pid) - cpu_engine) / args.fresh * 1000
            print(f"batch, every dataset new (worst case): {args.fresh} events in "
                  f"{took:.1f} s = {args.fresh / took:.0f} events/s; CPU per event: "
                  f"server {server:.2f} ms, engine {engine_ms:.2f} ms")
        with httpx.Client(timeout=600) as client:
            # 2. single events
            if not args.single:
                return 0
            lat = []
            for i in range(args.single):
                body = json.dumps(pool.event(n + i)).encode()
                t = time.perf_counter()
                r = client.post(f"{base}/api/v1/lineage", content=body,
                                headers=HEADERS)
                lat.append(time.perf_counter() - t)
                if r.status_code != 200:
                    raise RuntimeError(f"event refused: {r.status_code} {r.text[:300]}")
            print(f"single: {args.single} POSTs, p50 {pct(lat, 50) * 1000:.1f} ms, "
                  f"p95 {pct(lat, 95) * 1000:.1f} ms, p99 {pct(lat, 99) * 1000:.1f} ms")
    finally:
        stop(proc)
    return 0


def replay(pool: Pool, args: argparse.Namespace, tmp: Path) -> None:
    path = tmp / "replay" / "events.ndjson"
    path.parent.mkdir(parents=True)
    with path.open("w") as fh:
        for i in range(args.replay):
            fh.write(json.dumps(pool.event(i), separators=(",", ":")) + "\n")
    size = path.stat().st_size / 1e6
    with bench_engine(args.engine, tmp / "replay-engine", heap=args.heap,
                      pagecache_mb=args.neo4j_pagecache_mb, fresh=True) as engine:
        env = {**os.environ, **engine.graph.env, "CATALOG_JVM_HEAP": args.heap,
               "CATALOG_CHANGE_FEED": str(args.change_feed).lower()}
        t = time.perf_counter()
        out = subprocess.run([str(BIN / "catalog"), "replay", "--quiet", "--batch-size",
                              str(args.batch), str(path)], env=env, cwd=ROOT,
                             capture_output=True, text=True, check=False)
        took = time.perf_counter() - t
    print(f"replay: {args.replay} events ({size:.0f} MB NDJSON) into a fresh engine in "
          f"{took:.1f} s (with an embedded engine's start) = {args.replay / took:.0f} events/s; "
          f"catalog replay says: {out.stdout.strip().splitlines()[0] if out.stdout else ''}")
    if out.returncode:
        print(out.stderr[-2000:])


if __name__ == "__main__":
    sys.exit(main())
