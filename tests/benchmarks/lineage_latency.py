"""Lineage latency through GraphQL over HTTP on the synthetic benchmark catalog.

    python -m tests.benchmarks.lineage_latency [--scale full|medium|small|tiny]
        [--data-dir DIR] [--runs 100] [--heap 3g]

Loads the scale once (`ensure_catalog`, reused afterwards), serves the real app on it, and
prints p50/p95 (ms, client side, keep-alive) for: downstream depth 5; depth 20 with caps;
column level depth 5; impact analysis of a hub dataset (> 1,000 downstream nodes at full
scale). Targets (ISSUE 5): 50 ms, 250 ms, 50 ms and 500 ms at p95.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from itertools import islice
from pathlib import Path

import httpx

from catalog.api.app import create_app
from catalog.settings import Settings
from graph import GraphStore, Rel
from graph.engines.embedded import EmbeddedEngine
from tests.benchmarks.synthetic import SCALES, SyntheticCatalog
from tests.support.server import running

LINEAGE = """query($input: LineageInput!) { lineage(input: $input) {
  totalNodes truncated nodes { id degree } edges { upstream downstream type jobs } } }"""
IMPACT = """query($input: ImpactAnalysisInput!) { impactAnalysis(input: $input) {
  datasetCount columnCount truncated
  datasets { id degree domain { id } dataProduct { id } owners { id } classifications { id } }
  columns { id degree classifications { id } }
  byDomain { id datasetCount columnCount } byDataProduct { id datasetCount }
  byOwner { id datasetCount } classifications { classification { id } columns } } }"""
TARGETS = {"downstream depth 5": 50, "depth 20 with caps": 250, "column level depth 5": 50,
           "impact analysis (hub)": 500}


def pctl(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 \
        else values[0]


def measure(client: httpx.Client, query: str, inputs: list[dict], runs: int,
            key: str) -> tuple[list[float], list[dict]]:
    """Time `runs` requests cycling over `inputs` (after one warm-up pass)."""
    def post(inp: dict) -> dict:
        r = client.post("/graphql", json={"query": query, "variables": {"input": inp}})
        r.raise_for_status()
        body = r.json()
        if body.get("errors"):
            raise RuntimeError(body["errors"])
        return body["data"][key]

    for inp in inputs[: min(len(inputs), 10)]:
        post(inp)
    times, answers = [], []
    for i in range(runs):
        t0 = time.perf_counter()
        answers.append(post(inputs[i % len(inputs)]))
        times.append((time.perf_counter() - t0) * 1000)
    return times, answers


def starts(cat: SyntheticCatalog, n: int, seed: int = 11) -> tuple[list[str], list[str]]:
    """Datasets that feed something (hubs excluded) and columns something derives from."""
    rng = random.Random(seed)
    hubs = set(cat.hubs)
    fed = sorted({i for j in cat.jobs for i in j.inputs if i not in hubs})
    datasets = [cat.ds_id[i] for i in rng.sample(fed, min(n, len(fed)))]
    sources = sorted({r["dst"] for r in islice(cat.rows(Rel.DERIVES_FROM), 0, None, 7)})
    columns = rng.sample(sources, min(n, len(sources)))
    return datasets, columns


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tests.benchmarks.lineage_latency",
                                description=__doc__.split("\n\n")[0])
    p.add_argument("--scale", choices=sorted(SCALES), default="full")
    p.add_argument("--data-dir", type=Path, help="a loaded catalog (default: ensure_catalog)")
    p.add_argument("--runs", type=int, default=100)
    p.add_argument("--starts", type=int, default=50, help="distinct start nodes per case")
    p.add_argument("--cap", type=int, default=50, help="maxNodesPerHop of the depth-20 case")
    p.add_argument("--heap", default="3g")
    args = p.parse_args(argv)

    scale = SCALES[args.scale]
    data_dir = args.data_dir
    if data_dir is None:
        from tests.benchmarks.load_catalog import ensure_catalog

        t0 = time.perf_counter()
        data_dir = ensure_catalog(scale)
        print(f"catalog ready in {time.perf_counter() - t0:.0f} s: {data_dir}")
    cat = SyntheticCatalog(scale)
    datasets, columns = starts(cat, args.starts)
    hubs = [{"id": h} for h in cat.hub_ids()]
    cases = [
        ("downstream depth 5", LINEAGE, "lineage",
         [{"id": d, "direction": "DOWNSTREAM", "depth": 5} for d in datasets]),
        ("depth 20 with caps", LINEAGE, "lineage",
         [{"id": d, "direction": "DOWNSTREAM", "depth": 20, "maxNodesPerHop": args.cap}
          for d in datasets]),
        ("column level depth 5", LINEAGE, "lineage",
         [{"id": c, "direction": "DOWNSTREAM", "depth": 5, "level": "COLUMN"}
          for c in columns]),
        ("impact analysis (hub)", IMPACT, "impactAnalysis", hubs),
    ]
    store = GraphStore(EmbeddedEngine(data_dir, heap=args.heap))
    try:
        app = create_app(Settings(data_dir=data_dir, graphiql=False), store=store)
        with running(app) as base, httpx.Client(base_url=base, timeout=120) as client:
            print(f"scale {args.scale}: {scale}")
            print(f"{'case':24} {'p50 ms':>8} {'p95 ms':>8} {'target':>7}  answers")
            for name, query, key, inputs in cases:
                runs = args.runs if key == "lineage" else max(10, args.runs // 5)
                times, answers = measure(client, query, inputs, runs, key)
                if key == "lineage":
                    sizes = [a["totalNodes"] for a in answers]
                    cut = sum(a["truncated"] for a in answers)
                    info = (f"nodes mean {statistics.mean(sizes):.0f} max {max(sizes)}, "
                            f"truncated {cut}/{len(answers)}")
                else:
                    sizes = [a["datasetCount"] + a["columnCount"] for a in answers]
                    info = (f"downstream nodes {min(sizes)}..{max(sizes)}, truncated "
                            f"{sum(a['truncated'] for a in answers)}/{len(answers)}")
                p50, p95 = pctl(times, 50), pctl(times, 95)
                flag = "ok" if p95 <= TARGETS[name] else "MISSED"
                print(f"{name:24} {p50:8.1f} {p95:8.1f} {TARGETS[name]:6d}  {flag}; {info}",
                      flush=True)
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
