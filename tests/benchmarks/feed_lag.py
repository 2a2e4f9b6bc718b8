"""Lag from commit to searchable in another process, under a sustained OpenLineage load.

    python -m tests.benchmarks.feed_lag [--engine embedded|neo4j] [--seconds 60]
        [--rate 500] [--probes-per-s 2]

Two `catalog serve` processes on one graph (embedded: the second attaches to the first's
engine; neo4j: both connect). A background load posts batches of OpenLineage events to
server A at --rate events/s (the pool of `openlineage_ingest`); a prober posts one event to A
naming a new dataset, and from the moment A acknowledges it, searches server B every 10 ms
until B finds it. Prints the p50/p95/max lag (target p95 <= 2 s) and the load achieved.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import threading
import time
import uuid
from pathlib import Path

import httpx

from catalog.auth import Role
from identity import ids
from tests.benchmarks.engines import add_engine_args, bench_engine
from tests.benchmarks.openlineage_ingest import NS, Pool, bodies
from tests.support import serve
from tests.support.tokens import create_token

SEARCH = """query($q: String!) { search(input: {query: $q, first: 5}) { hits { id } } }"""


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def probe_event(k: int) -> tuple[dict, str]:
    name = f"lagprobe.s{k:05d}.t{uuid.uuid4().hex[:10]}"
    event = {"eventType": "COMPLETE", "eventTime": "2026-01-01T00:00:00Z",
             "producer": "https://example.com/lag-probe",
             "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
             "run": {"runId": str(uuid.uuid4())},
             "job": {"namespace": "lag", "name": f"probe_{k}"},
             "inputs": [], "outputs": [{"namespace": NS, "name": name}]}
    return event, ids.dataset_id(NS, name)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_engine_args(ap)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--rate", type=int, default=500, help="background events per second")
    ap.add_argument("--batch", type=int, default=50, help="events per background request")
    ap.add_argument("--probes-per-s", type=float, default=2)
    ap.add_argument("--heap", default="2g")
    args = ap.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="feedlag-"))
    with bench_engine(args.engine, folder, heap=args.heap,
                      pagecache_mb=args.neo4j_pagecache_mb, fresh=True) as engine:
        env = {**engine.graph.env, "CATALOG_CLASSIFICATION_AUTO_PROPAGATE": "false"}
        a, base_a = serve.start(folder, heap=args.heap, extra_env=env, log=folder / "a.log")
        b, base_b = serve.start(folder, heap=args.heap, extra_env=env, log=folder / "b.log")
        try:
            token = create_token(engine.graph, "lag", Role.INGEST)
            return run(args, base_a, base_b, {"Authorization": f"Bearer {token}",
                                              "Content-Type": "application/json"},
                       engine.describe())
        finally:
            serve.stop(b)
            serve.stop(a)


def run(args: argparse.Namespace, base_a: str, base_b: str, headers: dict,
        where: str) -> int:
    pool = Pool(200, 1000)
    stop = threading.Event()
    sent = [0]
    errors = [0]

    def load() -> None:
        per_batch = 2 * args.batch / args.rate  # two loaders share the rate
        batches = bodies((pool.event(i) for i in range(4_000)), args.batch)  # cycled
        with httpx.Client(timeout=120) as client:
            k, t_next = 0, time.monotonic()
            while not stop.is_set():
                r = client.post(f"{base_a}/api/v1/lineage/batch", content=batches[k % len(batches)],
                                headers=headers)
                if r.status_code == 200:
                    sent[0] += args.batch
                else:
                    errors[0] += 1
                k += 1
                t_next += per_batch
                delay = t_next - time.monotonic()
                if delay > 0:
                    time.sleep(delay)

    loaders = [threading.Thread(target=load, daemon=True) for _ in range(2)]
    began = time.monotonic()
    for t in loaders:
        t.start()
    lags: list[float] = []
    missed = 0
    k = 0
    with httpx.Client(timeout=60) as client:
        while time.monotonic() - began < args.seconds:
            event, dataset = probe_event(k)
            k += 1
            r = client.post(f"{base_a}/api/v1/lineage", json=event, headers=headers)
            r.raise_for_status()
            acked = time.monotonic()
            name = event["outputs"][0]["name"]
            while True:
                hits = client.post(f"{base_b}/graphql", json={
                    "query": SEARCH, "variables": {"q": name}}).json()["data"]["search"]["hits"]
                if any(h["id"] == dataset for h in hits):
                    lags.append(time.monotonic() - acked)
                    break
                if time.monotonic() - acked > 30:
                    missed += 1
                    break
                time.sleep(0.01)
            time.sleep(max(0.0, 1 / args.probes_per_s - (time.monotonic() - acked)))
    stop.set()
    for t in loaders:
        t.join()
    took = time.monotonic() - began
    print(f"engine {where}; {os.cpu_count()} cores, load average "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"background load: {sent[0] / took:.0f} events/s achieved of {args.rate} asked "
          f"({errors[0]} refused batches); {len(lags)} probes, {missed} not found in 30 s")
    if lags:
        print(f"lag from A's acknowledgement to B's search: p50 {statistics.median(lags):.2f} s"
              f"  p95 {pct(lags, 95):.2f} s  max {max(lags):.2f} s  (target p95 <= 2 s)")
    return 0 if lags and not missed else 1


if __name__ == "__main__":
    raise SystemExit(main())
