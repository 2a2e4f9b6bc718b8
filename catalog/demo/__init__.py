"""The demo (`catalog serve --demo`, `make run`): a small mesh to learn the product from.

- the shop (`shop.py`): 3 domains, 4 products with owners and SLAs, 8 datasets with
  table and column lineage and PII, written by hand; and warehouse views over it
  (`views.py`), one masking the email, one passing it on;
- the Marquez food-delivery pipelines: 13 jobs' OpenLineage events, sent through the
  receiver (the caller's `send_events`, the same code as `POST /api/v1/lineage/batch`);
- the dbt jaffle_shop project (manifest, catalog, run results) through the dbt ingestor;
- data products of those (delivery, customer, retail domains) from manifests, with
  contracts checked against the harvested columns (one fails on purpose);
- the classifier over the new domains' columns, and propagation along column lineage.

- the marketplace (`marketplace.py`): subscriptions, a pending request, ratings, a
  certification, and runs that leave sales/orders late with an open incident.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from catalog.classification.service import ClassificationService
from catalog.demo.marketplace import load_marketplace
from catalog.demo.shop import PG, WH, load_demo, write_demo_token
from catalog.demo.views import load_views
from catalog.settings import Settings
from graph import GraphStore
from ingestors.recipe import parse_recipe
from ingestors.runner import run_recipe

log = logging.getLogger(__name__)
DATA = Path(__file__).parent / "data"
JAFFLE_NAMESPACE = "duckdb://jaffle_shop.duckdb"
CLASSIFIED_DOMAINS = ("delivery", "customer", "retail")

__all__ = ["PG", "WH", "DemoLoad", "load_demo", "load_mesh", "marquez_events",
           "write_demo_token"]


@dataclass
class DemoLoad:
    seconds: float = 0.0
    steps: dict[str, float] = field(default_factory=dict)  # step -> seconds
    warnings: list[str] = field(default_factory=list)
    contracts: dict[str, str] = field(default_factory=dict)  # product -> pass/warn/fail

    def line(self) -> str:
        steps = ", ".join(f"{k} {v:.1f}s" for k, v in self.steps.items())
        return f"demo mesh loaded in {self.seconds:.1f}s ({steps})"


def marquez_events() -> bytes:
    """The food-delivery events as NDJSON, as a producer would send them in a batch."""
    return (DATA / "marquez" / "food_delivery.ndjson").read_bytes()


def load_mesh(store: GraphStore, settings: Settings,
              send_events: Callable[[bytes], Any]) -> DemoLoad:
    """Load every part of the demo, each through the code path a real user's data takes;
    idempotent, so a restart loads it again harmlessly."""
    report, started = DemoLoad(), time.monotonic()

    def step(name: str, fn: Callable[[], Any]) -> Any:
        t = time.monotonic()
        out = fn()
        report.steps[name] = time.monotonic() - t
        return out

    step("shop", lambda: (load_demo(store), load_views(store)))
    step("marquez", lambda: send_events(marquez_events()))
    dbt = parse_recipe({"source": {"type": "dbt", "config": {
        "manifest_path": "manifest.json", "catalog_path": "catalog.json",
        "run_results_path": "run_results.json", "namespace": JAFFLE_NAMESPACE}}},
        base_dir=DATA / "jaffle_shop")
    report.warnings += step("dbt", lambda: run_recipe(dbt, store)).warnings
    products = parse_recipe({"source": {"type": "data-product", "config": {
        "paths": ["*.product.yaml"]}}}, base_dir=DATA / "products")
    summary = step("products", lambda: run_recipe(products, store))
    report.warnings += summary.warnings
    report.contracts = {c["product"]: c.get("status", "not checked")
                        for c in summary.report.get("contracts", [])}

    def classify() -> None:
        svc = ClassificationService(store, settings)
        ids = [d for dom in CLASSIFIED_DOMAINS for d in svc.resolve(domain=dom)]
        svc.classify_datasets(ids, propagate=True)
    step("classification", classify)
    step("marketplace", lambda: load_marketplace(store, settings, send_events))
    report.seconds = time.monotonic() - started
    for w in report.warnings:
        log.warning("demo: %s", w)
    return report
