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

from catalog.classification.propagation import Propagator
from catalog.settings import Settings
from graph import GraphStore, Label, Rel
from graph.tx import Changes

log = logging.getLogger(__name__)


class Repropagator:
    def __init__(self, store: GraphStore, settings: Settings):
        self.store, self.settings = store, settings
        self._dirty_at: float | None = None
        self._last = time.monotonic()
        self._stop = threading.Event()
        self._active = True
        self._thread = threading.Thread(target=self._loop, name="repropagate", daemon=True)

    def on_changes(self, changes: Changes) -> None:
        if not self._active:
            return
        if changes.edges.get(Rel.DERIVES_FROM) or changes.closed.get(Label.COLUMN) \
                or changes.closed.get(Label.DATASET):
            self._dirty_at = time.monotonic()

    def start(self) -> None:
        self.store.add_listener(self.on_changes)
        self._thread.start()

    def stop(self) -> None:
        self._active = False  # the store keeps its listeners; this one goes quiet
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
