"""SLA checks while the server runs (background: once per server): on a schedule
(`sla_check_interval_s`) every product, and soon after OpenLineage runs finish (a store
listener notes finished runs, this process's and, through the change feed, other
processes') the products those runs wrote; and when a harvest closes or retypes columns,
the contracts of the products holding them (contract-breaking changes). Failures are
logged and retried next round; nothing here runs on a request's or an ingestion's path."""

from __future__ import annotations

import logging
import threading
import time

from catalog.settings import Settings
from catalog.sla import SlaService
from catalog.sla.service import TERMINAL
from graph import GraphStore, Label
from graph.labels import split_column_id
from graph.tx import Changes

log = logging.getLogger(__name__)


class SlaMonitor:
    def __init__(self, store: GraphStore, settings: Settings):
        self.service = SlaService(store, settings)
        self.settings = settings
        self._runs: set[str] = set()
        self._schemas: set[str] = set()  # datasets whose columns were closed or retyped
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._active = True
        self._last_full = 0.0
        self._thread = threading.Thread(target=self._loop, name="sla-monitor", daemon=True)

    def on_changes(self, changes: Changes) -> None:
        if not self._active:
            return
        finished = [r["id"] for r in changes.nodes.get(Label.RUN, ())
                    if r.get("state") in TERMINAL]
        changed = {split_column_id(c)[0] for c in changes.closed.get(Label.COLUMN, ())}
        changed |= {split_column_id(r["id"])[0] for r in changes.nodes.get(Label.COLUMN, ())
                    if "type" in r}
        changed |= set(changes.closed.get(Label.DATASET, ()))
        if finished or changed:
            with self._lock:
                self._runs.update(finished)
                self._schemas.update(changed)

    def start(self) -> None:
        self.service.store.add_listener(self.on_changes)
        self._last_full = time.monotonic()
        self._thread.start()

    def stop(self) -> None:
        self._active = False  # the store keeps its listeners; this one goes quiet
        self._stop.set()
        self._thread.join(timeout=30)

    def _loop(self) -> None:
        while not self._stop.wait(self.settings.sla_event_delay_s):
            with self._lock:
                runs, self._runs = sorted(self._runs), set()
                schemas, self._schemas = sorted(self._schemas), set()
            try:
                if schemas:
                    self.service.check_contracts(schemas)
                if runs:
                    products = self.service.record_runs(runs)
                    if products:
                        self.service.check(products)
                if time.monotonic() - self._last_full >= self.settings.sla_check_interval_s:
                    self._last_full = time.monotonic()
                    self.service.check()
            except Exception:  # keep the server up; the next round retries
                log.exception("SLA check failed")
                with self._lock:
                    self._runs.update(runs)
                    self._schemas.update(schemas)
