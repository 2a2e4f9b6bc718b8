"""Mixed load on loopback: concurrent ingest clients and GraphQL readers against a real
`catalog serve` process, for a bounded time.

    python -m tests.benchmarks.load_mixed [--engine embedded|neo4j] [--workers N]
        [--seconds 60] [--ingest 8] [--readers 32] [--batch 10] [--data-dir DIR]

Prints throughput and p50/p95 latencies per operation, the error count, and how many
acknowledged events are missing from the graph afterwards (target: zero errors, zero lost).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import statistics
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import httpx
import urllib3
from openlineage.client.event_v2 import RunState
from openlineage.client.uuid import generate_new_uuid

from catalog.auth import Role
from identity import ids
from tests.benchmarks.engines import BenchEngine, add_engine_args, bench_engine
from tests.conftest import FIXTURES
from tests.support import serve
from tests.support.openlineage import T0, as_dict, at, simple
from tests.support.tokens import create_token

SEED = FIXTURES / "openlineage" / "marquez" / "seed" / "metadata.rendered.ndjson"
CUSTOMERS = ids.dataset_id("food_delivery", "public.customers")
RUN_ID = "00000000-0000-0000-0000-00000000cafe"
T0_TEXT = T0.isoformat()
READS = {
    "dataset page": ("""query($id: ID!) { dataset(id: $id) { name description
        columns { name type classifications { classification { name } status } }
        owners { name } tags { name } } }""", {"id": CUSTOMERS}),
    "lineage depth 3": ("""query($input: LineageInput!) { lineage(input: $input) {
        totalNodes truncated nodes { id degree } } }""",
                        {"input": {"id": CUSTOMERS, "direction": "DOWNSTREAM", "depth": 3}}),
    "search": ("""query($input: SearchInput!) { search(input: $input) { total
        hits { score } } }""", {"input": {"query": "custmer emial", "first": 10}}),
    "datasets page": ("{ datasets(first: 20) { totalCount edges { node { id name } } } }", {}),
}


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def _split(workers: range, parts: int) -> list[list[int]]:
    parts = max(1, min(parts, len(workers) or 1))
    return [list(workers[i::parts]) for i in range(parts)]


def _templates(worker: int, batch: int) -> list[str]:
    """Per job, a batch of events built with openlineage-python's classes, serialised once;
    RUNID and the event time are filled per request (cheap, so the load is the server's)."""
    out = []
    for job in range(50):
        event = as_dict(simple(f"load{worker}", f"job{job}", RUN_ID, RunState.COMPLETE, 0,
                               inputs=(f"src{job % 30}",), outputs=(f"dst{job}",)))
        out.append(json.dumps([event] * batch))
    return out


def _client(kind: str, workers: list[int], base: str, headers: dict[str, str],
            stop_at: float, batch: int, queue) -> None:
    """One client process: a thread per worker, urllib3 (light) connections."""
    lat: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    retried: dict[str, int] = defaultdict(int)
    acked: list[str] = []
    readers_by_worker: dict[int, int] = defaultdict(int)
    lock = threading.Lock()
    pool = urllib3.PoolManager(maxsize=len(workers) + 1, timeout=60, retries=False)

    def post(path: str, body: bytes, hdrs: dict[str, str]):
        return pool.request("POST", f"{base}{path}", body=body, headers=hdrs)

    def ingester(worker: int) -> None:
        templates = _templates(worker, batch)
        hdrs = {**headers, "Content-Type": "application/json"}
        k = 0
        while time.monotonic() < stop_at:
            runs = [str(generate_new_uuid()) for _ in range(batch)]
            body = templates[k % 50].replace(T0_TEXT, at(k))
            for run in runs:
                body = body.replace(RUN_ID, run, 1)
            k += 1
            t = time.perf_counter()
            try:
                resp = post("/api/v1/lineage/batch", body.encode(), hdrs)
                busy = resp.status == 503 and "retry-after" in resp.headers
                ok = resp.status == 200 and not json.loads(resp.data)["summary"]["failed"]
            except urllib3.exceptions.HTTPError:
                ok = busy = False
            with lock:
                if not busy:  # a refusal's latency is not a write's
                    lat["ingest batch"].append(time.perf_counter() - t)
                if ok:
                    acked.extend(runs)
                elif busy:  # back-pressure: as the client does, wait and resend
                    retried["ingest batch"] += 1
                else:
                    errors["ingest batch"] += 1
            if busy:
                time.sleep(float(resp.headers["retry-after"]))

    def read(worker: int) -> None:
        rnd = random.Random(worker)
        names = list(READS)
        bodies = {n: json.dumps({"query": q, "variables": v}).encode()
                  for n, (q, v) in READS.items()}
        hdrs = {**headers, "Content-Type": "application/json"}
        # the worker this reader's kept-alive connection went to (uneven spreads make tails)
        worker_pid = json.loads(pool.request("GET", f"{base}/healthz").data)["worker"]
        with lock:
            readers_by_worker[worker_pid] += 1
        while time.monotonic() < stop_at:
            name = rnd.choice(names)
            t = time.perf_counter()
            try:
                resp = post("/graphql", bodies[name], hdrs)
                ok = resp.status == 200 and "errors" not in json.loads(resp.data)
            except urllib3.exceptions.HTTPError:
                ok = False
            with lock:
                lat[name].append(time.perf_counter() - t)
                if not ok:
                    errors[name] += 1

    target = ingester if kind == "ingest" else read
    threads = [threading.Thread(target=target, args=(w,)) for w in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    queue.put({"lat": dict(lat), "errors": dict(errors), "retried": dict(retried),
               "acked": acked, "cpu": time.process_time(),
               "readers_by_worker": dict(readers_by_worker)})


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_engine_args(ap)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--ingest", type=int, default=8, help="concurrent ingest clients")
    ap.add_argument("--readers", type=int, default=32, help="concurrent GraphQL readers")
    ap.add_argument("--batch", type=int, default=10, help="events per ingest request")
    ap.add_argument("--ingest-procs", type=int, default=1,
                    help="processes the ingest clients are spread over")
    ap.add_argument("--reader-procs", type=int, default=4,
                    help="processes the GraphQL readers are spread over")
    ap.add_argument("--data-dir", type=Path, help="engine folder (default: a fresh one)")
    ap.add_argument("--heap", default="2g")
    ap.add_argument("--workers", type=int, default=0,
                    help="`catalog serve --workers` (default 0: one per core)")
    args = ap.parse_args(argv)

    data = args.data_dir or Path(tempfile.mkdtemp(prefix="loadmix-"))
    with bench_engine(args.engine, data, heap=args.heap,
                      pagecache_mb=args.neo4j_pagecache_mb) as engine:
        print(f"engine {engine.describe()}; load average {os.getloadavg()[0]:.1f} on "
              f"{os.cpu_count()} cores")
        return run(engine, args)


def run(engine: BenchEngine, args: argparse.Namespace) -> int:
    data = engine.graph.data_dir
    proc, base = serve.start(data, heap=args.heap, log=data / "serve.log",
                             extra_env=engine.graph.env,
                             args=("--workers", str(args.workers)))
    ingest = {"Authorization": f"Bearer {create_token(engine.graph, 'load-ingest', Role.INGEST)}",
              "Content-Type": "application/json"}
    reader = {"Authorization": f"Bearer {create_token(engine.graph, 'load-reader', Role.READER)}"}
    try:
        r = httpx.post(f"{base}/api/v1/lineage/batch", content=SEED.read_bytes(),
                       headers=ingest, timeout=120)
        r.raise_for_status()
        stop_at = time.monotonic() + args.seconds
        # clients in several processes, so their latencies are not inflated by one GIL
        # and their CPU is counted (printed: the share of the cores the load itself takes)
        ctx = multiprocessing.get_context("fork")
        queue = ctx.Queue()
        plan = [("ingest", ws, ingest) for ws in _split(range(args.ingest), args.ingest_procs)]
        plan += [("read", ws, reader) for ws in _split(range(args.readers), args.reader_procs)]
        began = time.monotonic()
        procs = [ctx.Process(target=_client, args=(kind, ws, base, headers, stop_at,
                                                    args.batch, queue))
                 for kind, ws, headers in plan if ws]
        for p in procs:
            p.start()
        results = [queue.get() for _ in procs]
        for p in procs:
            p.join()
        took = time.monotonic() - began
        lat: dict[str, list[float]] = defaultdict(list)
        errors: dict[str, int] = defaultdict(int)
        retried: dict[str, int] = defaultdict(int)
        acked: list[str] = []
        client_cpu = 0.0
        by_worker: dict[int, int] = defaultdict(int)
        for res in results:
            for pid, n in res["readers_by_worker"].items():
                by_worker[pid] += n
            for k, v in res["lat"].items():
                lat[k] += v
            for k, v in res["errors"].items():
                errors[k] += v
            for k, v in res["retried"].items():
                retried[k] += v
            acked += res["acked"]
            client_cpu += res["cpu"]

        store = engine.store()  # on embedded: attaches to the server's engine
        try:
            found = store.get_nodes(ids.run_id(r) for r in acked)
        finally:
            store.close()
        lost = sum(1 for r in acked if ids.run_id(r) not in found)
    finally:
        serve.stop(proc)

    print(f"{args.ingest} ingest clients ({args.batch} events per request), "
          f"{args.readers} GraphQL readers, {took:.0f} s on loopback, "
          f"{args.workers or os.cpu_count()} workers; load average at the end "
          f"{os.getloadavg()[0]:.1f}")
    print(f"load generator ({len(procs)} processes): {client_cpu / took:.2f} of "
          f"{os.cpu_count()} cores")
    print("readers per worker (each reader keeps its connection): "
          + " / ".join(str(n) for n in sorted(by_worker.values(), reverse=True)))
    print(f"ingest: {len(acked)} events acknowledged = {len(acked) / took:.0f} events/s")
    for name, values in lat.items():
        print(f"  {name:18s} {len(values) / took:7.1f} req/s  p50 "
              f"{statistics.median(values) * 1000:7.1f} ms  p95 {pct(values, 95) * 1000:7.1f} ms"
              f"  errors {errors[name]}"
              + (f"  refused (503, retried) {retried[name]}" if retried[name] else ""))
    total_errors = sum(errors.values())
    print(f"errors: {total_errors}; acknowledged events missing from the graph: {lost}")
    return 0 if total_errors == 0 and lost == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
