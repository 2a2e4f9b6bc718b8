"""Marketplace figures: what usage counting adds to GraphQL p95, and how long the SLA
evaluation of many products takes.

    python -m tests.benchmarks.marketplace [--engine embedded|neo4j] [--products 10000]
        [--runs 400] [--data-dir DIR]

Writes `--products` data products (one dataset each, a freshness SLA, health records of
every kind: fresh, late, failed, volume drop) into a fresh graph, then:
- SLA: the evaluation of every product (`SlaService.health`), a first full check that
  opens the incidents (notifications off: their fan-out is per incident), and a steady
  check with nothing to change. Target: at most 5 s for 10,000 products.
- marketplace: the `marketplace` GraphQL query (the page's first `--page` entries) over
  HTTP against the real app, p50/p95 (target: well under 500 ms at 10,000 products).
- usage: `dataProduct(id)` reads over HTTP against the real app, its usage counter switched
  on and off between blocks of requests so the machine's load hits both alike; p50/p95 of
  each and the p95 overhead (target: at most 5%), and what one background flush costs.
The load average is printed first and last: on a shared machine it says how much of a
figure is waiting.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from catalog.api.app import create_app
from catalog.settings import Settings
from catalog.sla import SlaService
from graph import GraphStore, Label, Rel
from graph import sla as gs
from graph.props import json_prop
from identity import ids
from tests.benchmarks.engines import add_engine_args, bench_engine
from tests.support.server import running

QUERY = "query($id: ID!) { dataProduct(id: $id) { id name description sla } }"
MARKET = """query($first: Int) { marketplace(first: $first) { %s } }"""
MARKET_LATE = """query($first: Int) { marketplace(first: $first, filter: {health: "late"}) {
  %s } }"""
MARKET_ALL = """query { marketplace { %s } }"""  # before the query had pages
ENTRY = "product { id name } domainId owners rating { mean count } certification { note } " \
        "health { state lastUpdate } subscribers usage"


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg()) + f" on {os.cpu_count()} cores"


def iso(when: datetime) -> str:
    return when.isoformat().replace("+00:00", "Z")


def write_products(store: GraphStore, n: int, seed: int = 7) -> list[str]:
    """n products, one dataset each, with health records of every kind."""
    rng = random.Random(seed)
    now = datetime.now(UTC)
    products, datasets, contains, has, health = [], [], [], [], []
    for i in range(n):
        dom = f"bench{i % 20}"
        pid = ids.product_id(dom, f"p{i}")
        ds = ids.dataset_id("bench://db", f"s.t{i}")
        products.append({"id": pid, "name": f"p{i}", "sla": json_prop({"freshness": "24h"})})
        datasets.append({"id": ds, "namespace": "bench://db", "name": f"s.t{i}"})
        contains.append({"src": pid, "dst": ds})
        has.append({"src": ids.domain_id(dom), "dst": pid})
        kind = rng.random()
        last = now - timedelta(hours=30 if kind < 0.1 else 2)
        counts = [1000 + rng.randint(-50, 50) for _ in range(9)]
        counts.append(300 if 0.1 <= kind < 0.15 else 1000)
        health.append({"id": ds, "last_success": iso(last),
                       "last_run_state": "FAIL" if 0.15 <= kind < 0.2 else "COMPLETE",
                       "last_run_at": iso(last + timedelta(minutes=5)), "last_run": f"r{i}",
                       "updates": [iso(last - timedelta(days=d)) for d in range(9, -1, -1)],
                       "row_counts": counts})

    for k in range(0, n, 2000):  # transactions of a reasonable size
        part = slice(k, k + 2000)
        products_k, datasets_k = products[part], datasets[part]
        contains_k, has_k, health_k = contains[part], has[part], health[part]

        def chunk(tx, p=products_k, d=datasets_k, c=contains_k, h=has_k, hl=health_k,
                  first=k == 0):
            if first:
                tx.upsert_nodes(Label.DOMAIN, [{"id": ids.domain_id(f"bench{j}"),
                                                "name": f"bench{j}"} for j in range(20)],
                                source="manual")
            tx.upsert_nodes(Label.DATA_PRODUCT, p, source="manual")
            tx.upsert_nodes(Label.DATASET, d, source="manual")
            tx.upsert_edges(Rel.HAS_PRODUCT, h, source="manual")
            tx.upsert_edges(Rel.CONTAINS, c, source="manual")
            gs.set_health(tx, hl)
        store.write(chunk)
    return [p["id"] for p in products]


def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def sla_figures(store: GraphStore, settings: Settings) -> None:
    svc = SlaService(store, settings)
    health, t_eval = timed(svc.health)
    states = statistics.multimode([h.state for h in health.values()])
    print(f"SLA evaluation of {len(health):,} products: {t_eval:.2f} s "
          f"(most common state {states[0]})")
    first, t_first = timed(lambda: svc.check(notify=False))
    print(f"first full check: {t_first:.2f} s, opened {len(first.opened):,} incidents")
    steady, t_steady = timed(lambda: svc.check(notify=False))
    print(f"steady full check: {t_steady:.2f} s, opened {len(steady.opened)}, "
          f"closed {len(steady.closed)} (target <= 5 s)")


def pctl(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def usage_figures(store: GraphStore, folder: Path, ids_: list[str], runs: int,
                  block: int = 25) -> None:
    """One app; its usage counter is switched on and off between blocks of requests (the
    same server, threads and caches for both), the first block of each pair alternating."""
    rng = random.Random(3)
    app = create_app(Settings(data_dir=folder, sla_check_interval_s=86400.0), store=store)
    times: dict[bool, list[float]] = {True: [], False: []}
    with running(app) as url, httpx.Client(base_url=url, timeout=60) as client:
        counter = app.state.runtime.usage

        def ask() -> float:
            pid = rng.choice(ids_)
            t0 = time.perf_counter()
            r = client.post("/graphql", json={"query": QUERY, "variables": {"id": pid}})
            r.raise_for_status()
            assert not r.json().get("errors"), r.text
            return (time.perf_counter() - t0) * 1000

        for _ in range(block * 2):  # warm-up
            ask()
        done = 0
        while done < runs:
            for on in ((True, False) if (done // block) % 2 == 0 else (False, True)):
                app.state.runtime.usage = counter if on else None
                times[on] += [ask() for _ in range(block)]
            done += block
        app.state.runtime.usage = counter
        pending = sum(counter._counts.values())
        _, t_flush = timed(counter.flush)
    for on in (True, False):
        t = times[on]
        print(f"dataProduct reads, usage counting {'on ' if on else 'off'}: "
              f"p50 {pctl(t, 50):.2f} ms, p95 {pctl(t, 95):.2f} ms ({len(t)} requests)")
    overhead = pctl(times[True], 95) / pctl(times[False], 95) - 1
    print(f"usage counting overhead on p95: {overhead:+.1%} (target <= 5%); one flush of "
          f"{pending} counts took {t_flush * 1000:.0f} ms (in the background, every "
          f"usage_flush_s)")


def marketplace_figures(store: GraphStore, folder: Path, runs: int, page: int) -> None:
    """The marketplace page's query as the UI asks it: its first `page` entries."""
    app = create_app(Settings(data_dir=folder, sla_check_interval_s=86400.0), store=store)
    with running(app) as url, httpx.Client(base_url=url, timeout=120) as client:
        def ask(body: dict) -> tuple[float, dict]:
            t0 = time.perf_counter()
            r = client.post("/graphql", json=body)
            r.raise_for_status()
            return (time.perf_counter() - t0) * 1000, r.json()

        body = {"query": MARKET % ENTRY, "variables": {"first": page}}
        _, got = ask(body)
        if got.get("errors"):  # a schema without pages: the whole list, as the page did
            body = {"query": MARKET_ALL % ENTRY}
            _, got = ask(body)
        assert not got.get("errors"), got
        shown = len(got["data"]["marketplace"])
        for _ in range(2):  # warm-up
            ask(body)
        times = [ask(body)[0] for _ in range(runs)]
        late = {"query": MARKET_LATE % ENTRY, "variables": {"first": page}}
        filtered = [ask(late)[0] for _ in range(5)] if "first" in body["query"] else []
    print(f"marketplace query ({shown:,} entries returned): p50 {pctl(times, 50):.0f} ms, "
          f"p95 {pctl(times, 95):.0f} ms ({runs} requests; load {load()})")
    if filtered:
        print(f"marketplace query filtered by health (every product's health evaluated): "
              f"median {statistics.median(filtered):.0f} ms (5 requests)")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_engine_args(p)
    p.add_argument("--products", type=int, default=10_000)
    p.add_argument("--runs", type=int, default=2000, help="requests per configuration")
    p.add_argument("--data-dir", type=Path, default=None)
    p.add_argument("--heap", default="2g")
    p.add_argument("--page", type=int, default=50, help="marketplace entries asked for")
    p.add_argument("--market-runs", type=int, default=40)
    p.add_argument("--only", choices=("sla", "marketplace", "usage"), action="append",
                   help="the figures to take (default: all)")
    a = p.parse_args()
    folder = a.data_dir or Path(tempfile.mkdtemp(prefix="bench-marketplace-"))
    print(f"load average {load()}")
    with bench_engine(a.engine, folder / "graph", heap=a.heap, fresh=True,
                      pagecache_mb=a.neo4j_pagecache_mb, change_feed=a.change_feed) as eng, \
            eng.store() as store:
        print(f"engine: {eng.describe()}")
        _, t = timed(lambda: write_products(store, a.products))
        print(f"wrote {a.products:,} products with datasets and health records in {t:.1f} s")
        ids_ = [ids.product_id(f"bench{i % 20}", f"p{i}") for i in range(a.products)]
        only = set(a.only or ("sla", "marketplace", "usage"))
        if "sla" in only:
            sla_figures(store, Settings(data_dir=folder / "app"))
        if "marketplace" in only:
            marketplace_figures(store, folder / "app", a.market_runs, a.page)
        if "usage" in only:
            usage_figures(store, folder / "app", ids_, a.runs)
    print(f"load average {load()}")


if __name__ == "__main__":
    main()
