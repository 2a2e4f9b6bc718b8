"""Keep propagated classifications in step with lineage while the server runs.

Classifier runs and steward decisions propagate as they finish; lineage changes arrive
from elsewhere (OpenLineage events, harvests). A store listener marks propagation stale
when column lineage is written or columns and datasets are closed, and a background
thread re-propagates once writes have been quiet for `classification_propagate_delay`
seconds; it also re-propagates every `classification_propagate_interval` seconds, which
catches lineage edges closed by a harvest's staleness pass.
"""

from __future__ import annotations

import logging
import threading
import time

from fastapi import FastAPI

from catalog.classification.propagation import Propagator
from graph import Label, Rel
from graph.tx import Changes

log = logging.getLogger(__name__)


class Repropagator:
    def __init__(self, store, settings):
        self.store, self.settings = store, settings
        self._dirty_at: float | None = None
        self._last = time.monotonic()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="repropagate", daemon=True)

    def on_changes(self, changes: Changes) -> None:
        if changes.edges.get(Rel.DERIVES_FROM) or changes.closed.get(Label.COLUMN) \
                or changes.closed.get(Label.DATASET):
            self._dirty_at = time.monotonic()

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=30)

    def _due(self) -> bool:
        now = time.monotonic()
        quiet = self._dirty_at is not None and \
            now - self._dirty_at >= self.settings.classification_propagate_delay
        return quiet or now - self._last >= self.settings.classification_propagate_interval

    def _loop(self) -> None:
        while not self._stop.wait(min(1.0, self.settings.classification_propagate_delay)):
            if not self._due():
                continue
            self._dirty_at, self._last = None, time.monotonic()
            try:
                counts = Propagator(self.store, self.settings).run()
                if counts.get("propagated") or counts.get("closed"):
                    log.info("re-propagated classifications: %s", counts)
            except Exception:  # keep the server up; the next change retries
                log.exception("re-propagating classifications failed")


def setup(app: FastAPI) -> None:
    """No routes: the work happens in the background."""


def on_startup(app: FastAPI) -> None:
    settings = app.state.settings
    if not settings.classification_auto_propagate:
        return
    worker = Repropagator(app.state.store, settings)
    app.state.store.add_listener(worker.on_changes)
    worker.start()
    app.state.repropagator = worker


def on_shutdown(app: FastAPI) -> None:
    worker = getattr(app.state, "repropagator", None)
    if worker is not None:
        worker.stop()
