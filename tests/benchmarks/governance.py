"""Governance: 20 CEL policies evaluated over the synthetic catalog (target: at most 30 s
at the full scale, 100k datasets and 1M columns).

    python -m tests.benchmarks.governance [--engine embedded|neo4j] [--scale full|...]
        [--data-dir DIR] [--heap 3g] [--repeat 2]

Loads the scale once (`ensure_catalog`, reused afterwards), then prints: how long the 20
policies take to load (parse, check, compile), one dry-run evaluation (the views read from
the graph, every policy run; nothing written; the second one, after a first with the
engine's caches cold) which is the figure against the target, then
an evaluation that keeps its findings (on a fresh catalog it writes them all) and a second (the
steady state: only changes are written), with the load average.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import time
from pathlib import Path

from catalog.governance.policies import PolicyFile, load_policies, parse_policies
from catalog.governance.service import GovernanceService
from catalog.settings import Settings
from tests.benchmarks.engines import add_engine_args
from tests.benchmarks.load_catalog import LoadOptions, ensure_catalog, open_catalog
from tests.benchmarks.synthetic import SCALES

TARGET_S = 30.0

EXTRA = """policies:
  - {id: datasets-described, description: d, severity: warning, subject: dataset,
     require: "has(properties.description) && properties.description != ''"}
  - {id: datasets-in-products, description: d, severity: warning, subject: dataset,
     require: product != null}
  - {id: datasets-in-lineage, description: d, severity: warning, subject: dataset,
     require: size(upstream) + size(downstream) > 0}
  - {id: hubs-owned, description: d, severity: error, subject: dataset,
     when: size(downstream) > 20, require: size(owners) > 0}
  - {id: personal-datasets-tagged, description: d, severity: warning, subject: dataset,
     when: "classifications.exists(c, c.rank >= 2)", require: "'pii' in tags"}
  - {id: dataset-names-short, description: d, severity: warning, subject: dataset,
     require: size(name) <= 120}
  - {id: datasets-have-columns, description: d, severity: warning, subject: dataset,
     require: size(columns) > 0}
  - {id: recent-runs, description: d, severity: warning, subject: dataset,
     when: last_run != null, require: last_run.age_hours == null || last_run.age_hours < 48}
  - {id: columns-typed, description: d, severity: warning, subject: column,
     require: type != null && type != ''}
  - {id: columns-not-reserved, description: d, severity: warning, subject: column,
     require: "!(name in ['select', 'from', 'where', 'order', 'group'])"}
  - {id: email-columns-classified, description: d, severity: warning, subject: column,
     when: name.contains('email'), require: "classifications.exists(c, c.name == 'PII.Email')"}
  - {id: products-described, description: d, severity: warning, subject: product,
     require: "has(properties.description) && properties.description != ''"}
  - {id: products-have-datasets, description: d, severity: error, subject: product,
     require: size(datasets) > 0}
  - {id: products-have-sla, description: d, severity: warning, subject: product,
     require: size(sla) > 0}
  - {id: owners-reachable, description: d, severity: warning, subject: owner,
     require: email != null}
"""


def twenty_policies() -> PolicyFile:
    built_in, extra = load_policies(), parse_policies(EXTRA, "benchmark")
    problems = built_in.problems + extra.problems
    if problems:
        raise SystemExit("policies refused: " + "; ".join(str(p) for p in problems))
    return PolicyFile(policies=built_in.policies + extra.policies)


def loadavg() -> str:
    return f"{' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tests.benchmarks.governance",
                                description=__doc__.split("\n\n")[0])
    add_engine_args(p)
    p.add_argument("--scale", choices=sorted(SCALES), default="full")
    p.add_argument("--data-dir", type=Path, help="a loaded catalog (default: ensure_catalog)")
    p.add_argument("--heap", default="3g")
    args = p.parse_args(argv)

    scale = SCALES[args.scale]
    opts = LoadOptions(heap=args.heap, engine=args.engine,
                       pagecache_mb=args.neo4j_pagecache_mb, change_feed=args.change_feed)
    data_dir = args.data_dir
    if data_dir is None:
        t0 = time.perf_counter()
        data_dir = ensure_catalog(scale, opts=opts)
        print(f"catalog ready in {time.perf_counter() - t0:.0f} s: {data_dir}")
    t0 = time.perf_counter()
    policies = twenty_policies()
    compile_s = time.perf_counter() - t0
    with open_catalog(data_dir, dataclasses.replace(opts, jvm_args=())) as (store, engine):
        print(f"engine {engine.describe()}\nscale {args.scale}: {scale}")
        print(f"load average before: {loadavg()}")
        settings = Settings(data_dir=data_dir)
        print(f"{len(policies.policies)} policies loaded and compiled in "
              f"{compile_s * 1000:.0f} ms")

        def fresh() -> GovernanceService:
            """Policies compiled anew (their memos empty), as the server does per run."""
            return GovernanceService(store, settings, twenty_policies())

        svc = GovernanceService(store, settings, policies)
        t0 = time.perf_counter()
        svc.evaluate("benchmark", save=False)
        print(f"evaluation (dry run, first after start: engine caches cold): "
              f"{time.perf_counter() - t0:.1f} s")
        svc = fresh()
        t0 = time.perf_counter()
        _, dry = svc.evaluate("benchmark", save=False)
        dry_s = time.perf_counter() - t0
        print(f"evaluation (dry run): {dry_s:.1f} s for {dry.subjects} subjects, "
              f"{len(dry.findings)} findings; target <= {TARGET_S:.0f} s: "
              f"{'met' if dry_s <= TARGET_S else 'MISSED'}")
        print(f"  of which reading the graph {dry.read_seconds:.1f} s, building views and "
              f"running the policies {dry.seconds - dry.read_seconds:.1f} s")
        for name, errors in dry.errors.items():
            print(f"  {name}: expression failed on {len(errors)}+ subjects, e.g. {errors[0]}")
        for label in ("kept (writes new and changed findings, resolves the rest)",
                      "kept again (steady state: nothing changed)"):
            svc = fresh()
            t0 = time.perf_counter()
            svc.evaluate("benchmark")
            print(f"evaluation, {label}: {time.perf_counter() - t0:.1f} s")
        print(f"load average after: {loadavg()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
